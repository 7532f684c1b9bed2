SeLeCt EventName, CoUnT(*) FrOm CloudTrail_Logs WhErE ReadOnly = FaLsE GrOuP bY EventName
