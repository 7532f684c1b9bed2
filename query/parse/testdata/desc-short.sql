desc insights;
