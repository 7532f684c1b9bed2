package record

// Kind is how a column stores its CloudTrail value.
type Kind uint8

const (
	// String holds a JSON string value as text.
	String Kind = iota
	// JSON holds any non-null JSON value as compact JSON text, exactly as
	// received apart from insignificant whitespace.
	JSON
	// Bool holds a JSON boolean.
	Bool
	// Timestamp holds an instant in UTC with millisecond precision.
	Timestamp
	// StringList holds one string (or NULL) per element of the resources
	// array; the resources_* lists are parallel.
	StringList
)

func (k Kind) String() string {
	switch k {
	case String:
		return "string"
	case JSON:
		return "string (JSON text)"
	case Bool:
		return "boolean"
	case Timestamp:
		return "timestamp(ms, UTC)"
	case StringList:
		return "list<string>"
	}
	return "unknown"
}

// Column describes one column of the events table.
type Column struct {
	Name string   // lower-case column name
	Path []string // JSON path in the CloudTrail event; for StringList the key inside each resources element
	Kind Kind
	Dict bool // dictionary-encode: few distinct values
	// Bloom marks the columns that carry a split-block bloom filter in every
	// row group, for point lookups.
	Bloom bool
}

// Column indexes into Row.Str for the string-like columns, in schema order.
// The order here is the Parquet column order.
const (
	EventVersion = iota
	UserIdentityType
	UserIdentityPrincipalID
	UserIdentityARN
	UserIdentityAccountID
	UserIdentityAccessKeyID
	UserIdentityUserName
	UserIdentityInvokedBy
	UserIdentityIdentityProvider
	UserIdentityCredentialID
	UserIdentityOnBehalfOfUserID
	UserIdentityOnBehalfOfIdentityStoreARN
	UserIdentityInScopeOfSourceARN
	UserIdentityInScopeOfSourceAccount
	UserIdentityInScopeOfIssuerType
	UserIdentityInScopeOfCredentialsIssuedTo
	UserIdentitySessionContextAttributesCreationDate
	UserIdentitySessionContextAttributesMFAAuthenticated
	UserIdentitySessionContextSessionIssuerType
	UserIdentitySessionContextSessionIssuerPrincipalID
	UserIdentitySessionContextSessionIssuerARN
	UserIdentitySessionContextSessionIssuerAccountID
	UserIdentitySessionContextSessionIssuerUserName
	UserIdentitySessionContextWebIDFederationDataFederatedProvider
	UserIdentitySessionContextWebIDFederationDataAttributes
	UserIdentitySessionContextSourceIdentity
	UserIdentitySessionContextEC2RoleDelivery
	UserIdentitySessionContextAssumedRoot
	EventSource
	EventName
	AWSRegion
	SourceIPAddress
	UserAgent
	ErrorCode
	ErrorMessage
	RequestParameters
	ResponseElements
	AdditionalEventData
	RequestID
	EventID
	EventType
	APIVersion
	RecipientAccountID
	ServiceEventDetails
	SharedEventID
	VPCEndpointID
	VPCEndpointAccountID
	EventCategory
	AddendumReason
	AddendumUpdatedFields
	AddendumOriginalRequestID
	AddendumOriginalEventID
	SessionCredentialFromConsole
	EdgeDeviceDetails
	TLSDetailsTLSVersion
	TLSDetailsCipherSuite
	TLSDetailsClientProvidedHostHeader
	InsightDetails
	// NumStr is the number of string-like (String and JSON) columns.
	NumStr
)

// Indexes of the list columns in Row.Resources element fields.
const (
	ResourceARN = iota
	ResourceAccountID
	ResourceType
	numResourceFields
)

// Names of the columns that are not in Row.Str.
const (
	ColEventTime       = "eventtime"
	ColReadOnly        = "readonly"
	ColManagementEvent = "managementevent"
	ColResourcesARN    = "resources_arn"
	ColResourcesAcct   = "resources_accountid"
	ColResourcesType   = "resources_type"
	ColExtra           = "_extra"
	ColSource          = "_source"
)

// Partition column names: Hive path keys, not stored in the files.
const (
	PartAccount = "account"
	PartRegion  = "region"
	PartDate    = "date"
)

// StrColumns describes Row.Str[i] for each index i.
var StrColumns = [NumStr]Column{
	EventVersion:                           {Name: "eventversion", Path: p("eventVersion"), Dict: true},
	UserIdentityType:                       {Name: "useridentity_type", Path: p("userIdentity", "type"), Dict: true},
	UserIdentityPrincipalID:                {Name: "useridentity_principalid", Path: p("userIdentity", "principalId"), Dict: true},
	UserIdentityARN:                        {Name: "useridentity_arn", Path: p("userIdentity", "arn"), Dict: true, Bloom: true},
	UserIdentityAccountID:                  {Name: "useridentity_accountid", Path: p("userIdentity", "accountId"), Dict: true},
	UserIdentityAccessKeyID:                {Name: "useridentity_accesskeyid", Path: p("userIdentity", "accessKeyId"), Dict: true, Bloom: true},
	UserIdentityUserName:                   {Name: "useridentity_username", Path: p("userIdentity", "userName"), Dict: true},
	UserIdentityInvokedBy:                  {Name: "useridentity_invokedby", Path: p("userIdentity", "invokedBy"), Dict: true},
	UserIdentityIdentityProvider:           {Name: "useridentity_identityprovider", Path: p("userIdentity", "identityProvider"), Dict: true},
	UserIdentityCredentialID:               {Name: "useridentity_credentialid", Path: p("userIdentity", "credentialId")},
	UserIdentityOnBehalfOfUserID:           {Name: "useridentity_onbehalfof_userid", Path: p("userIdentity", "onBehalfOf", "userId"), Dict: true},
	UserIdentityOnBehalfOfIdentityStoreARN: {Name: "useridentity_onbehalfof_identitystorearn", Path: p("userIdentity", "onBehalfOf", "identityStoreArn"), Dict: true},
	UserIdentityInScopeOfSourceARN:         {Name: "useridentity_inscopeof_sourcearn", Path: p("userIdentity", "inScopeOf", "sourceArn"), Dict: true},
	UserIdentityInScopeOfSourceAccount:     {Name: "useridentity_inscopeof_sourceaccount", Path: p("userIdentity", "inScopeOf", "sourceAccount"), Dict: true},
	UserIdentityInScopeOfIssuerType:        {Name: "useridentity_inscopeof_issuertype", Path: p("userIdentity", "inScopeOf", "issuerType"), Dict: true},
	UserIdentityInScopeOfCredentialsIssuedTo: {Name: "useridentity_inscopeof_credentialsissuedto",
		Path: p("userIdentity", "inScopeOf", "credentialsIssuedTo"), Dict: true},
	UserIdentitySessionContextAttributesCreationDate: {Name: "useridentity_sessioncontext_attributes_creationdate",
		Path: p("userIdentity", "sessionContext", "attributes", "creationDate")},
	UserIdentitySessionContextAttributesMFAAuthenticated: {Name: "useridentity_sessioncontext_attributes_mfaauthenticated",
		Path: p("userIdentity", "sessionContext", "attributes", "mfaAuthenticated"), Dict: true},
	UserIdentitySessionContextSessionIssuerType: {Name: "useridentity_sessioncontext_sessionissuer_type",
		Path: p("userIdentity", "sessionContext", "sessionIssuer", "type"), Dict: true},
	UserIdentitySessionContextSessionIssuerPrincipalID: {Name: "useridentity_sessioncontext_sessionissuer_principalid",
		Path: p("userIdentity", "sessionContext", "sessionIssuer", "principalId"), Dict: true},
	UserIdentitySessionContextSessionIssuerARN: {Name: "useridentity_sessioncontext_sessionissuer_arn",
		Path: p("userIdentity", "sessionContext", "sessionIssuer", "arn"), Dict: true},
	UserIdentitySessionContextSessionIssuerAccountID: {Name: "useridentity_sessioncontext_sessionissuer_accountid",
		Path: p("userIdentity", "sessionContext", "sessionIssuer", "accountId"), Dict: true},
	UserIdentitySessionContextSessionIssuerUserName: {Name: "useridentity_sessioncontext_sessionissuer_username",
		Path: p("userIdentity", "sessionContext", "sessionIssuer", "userName"), Dict: true},
	UserIdentitySessionContextWebIDFederationDataFederatedProvider: {Name: "useridentity_sessioncontext_webidfederationdata_federatedprovider",
		Path: p("userIdentity", "sessionContext", "webIdFederationData", "federatedProvider"), Dict: true},
	UserIdentitySessionContextWebIDFederationDataAttributes: {Name: "useridentity_sessioncontext_webidfederationdata_attributes",
		Path: p("userIdentity", "sessionContext", "webIdFederationData", "attributes"), Kind: JSON},
	UserIdentitySessionContextSourceIdentity: {Name: "useridentity_sessioncontext_sourceidentity",
		Path: p("userIdentity", "sessionContext", "sourceIdentity"), Dict: true},
	UserIdentitySessionContextEC2RoleDelivery: {Name: "useridentity_sessioncontext_ec2roledelivery",
		Path: p("userIdentity", "sessionContext", "ec2RoleDelivery"), Dict: true},
	UserIdentitySessionContextAssumedRoot: {Name: "useridentity_sessioncontext_assumedroot",
		Path: p("userIdentity", "sessionContext", "assumedRoot"), Dict: true},
	EventSource:                        {Name: "eventsource", Path: p("eventSource"), Dict: true},
	EventName:                          {Name: "eventname", Path: p("eventName"), Dict: true},
	AWSRegion:                          {Name: "awsregion", Path: p("awsRegion"), Dict: true},
	SourceIPAddress:                    {Name: "sourceipaddress", Path: p("sourceIPAddress"), Dict: true, Bloom: true},
	UserAgent:                          {Name: "useragent", Path: p("userAgent"), Dict: true},
	ErrorCode:                          {Name: "errorcode", Path: p("errorCode"), Dict: true},
	ErrorMessage:                       {Name: "errormessage", Path: p("errorMessage"), Dict: true},
	RequestParameters:                  {Name: "requestparameters", Path: p("requestParameters"), Kind: JSON},
	ResponseElements:                   {Name: "responseelements", Path: p("responseElements"), Kind: JSON},
	AdditionalEventData:                {Name: "additionaleventdata", Path: p("additionalEventData"), Kind: JSON},
	RequestID:                          {Name: "requestid", Path: p("requestID")},
	EventID:                            {Name: "eventid", Path: p("eventID"), Bloom: true},
	EventType:                          {Name: "eventtype", Path: p("eventType"), Dict: true},
	APIVersion:                         {Name: "apiversion", Path: p("apiVersion"), Dict: true},
	RecipientAccountID:                 {Name: "recipientaccountid", Path: p("recipientAccountId"), Dict: true},
	ServiceEventDetails:                {Name: "serviceeventdetails", Path: p("serviceEventDetails"), Kind: JSON},
	SharedEventID:                      {Name: "sharedeventid", Path: p("sharedEventID")},
	VPCEndpointID:                      {Name: "vpcendpointid", Path: p("vpcEndpointId"), Dict: true},
	VPCEndpointAccountID:               {Name: "vpcendpointaccountid", Path: p("vpcEndpointAccountId"), Dict: true},
	EventCategory:                      {Name: "eventcategory", Path: p("eventCategory"), Dict: true},
	AddendumReason:                     {Name: "addendum_reason", Path: p("addendum", "reason"), Dict: true},
	AddendumUpdatedFields:              {Name: "addendum_updatedfields", Path: p("addendum", "updatedFields"), Dict: true},
	AddendumOriginalRequestID:          {Name: "addendum_originalrequestid", Path: p("addendum", "originalRequestID")},
	AddendumOriginalEventID:            {Name: "addendum_originaleventid", Path: p("addendum", "originalEventID")},
	SessionCredentialFromConsole:       {Name: "sessioncredentialfromconsole", Path: p("sessionCredentialFromConsole"), Dict: true},
	EdgeDeviceDetails:                  {Name: "edgedevicedetails", Path: p("edgeDeviceDetails"), Kind: JSON},
	TLSDetailsTLSVersion:               {Name: "tlsdetails_tlsversion", Path: p("tlsDetails", "tlsVersion"), Dict: true},
	TLSDetailsCipherSuite:              {Name: "tlsdetails_ciphersuite", Path: p("tlsDetails", "cipherSuite"), Dict: true},
	TLSDetailsClientProvidedHostHeader: {Name: "tlsdetails_clientprovidedhostheader", Path: p("tlsDetails", "clientProvidedHostHeader"), Dict: true},
	InsightDetails:                     {Name: "insightdetails", Path: p("insightDetails"), Kind: JSON},
}

// Other columns, each with its own field in Row.
var (
	EventTimeColumn       = Column{Name: ColEventTime, Path: p("eventTime"), Kind: Timestamp}
	ReadOnlyColumn        = Column{Name: ColReadOnly, Path: p("readOnly"), Kind: Bool}
	ManagementEventColumn = Column{Name: ColManagementEvent, Path: p("managementEvent"), Kind: Bool}
	// ResourceColumns are indexed by ResourceARN, ResourceAccountID, ResourceType;
	// Path is the key inside each element of the event's resources array.
	ResourceColumns = [numResourceFields]Column{
		{Name: ColResourcesARN, Path: p("ARN"), Kind: StringList},
		{Name: ColResourcesAcct, Path: p("accountId"), Kind: StringList},
		{Name: ColResourcesType, Path: p("type"), Kind: StringList},
	}
	ExtraColumn  = Column{Name: ColExtra, Kind: JSON, Dict: true}
	SourceColumn = Column{Name: ColSource, Dict: true}
)

func p(path ...string) []string { return path }

// All returns every stored column in Parquet order: Str columns with
// eventtime after useridentity_*, then readonly, managementevent and the
// resources lists after eventid, then _extra and _source last.
func All() []Column {
	out := make([]Column, 0, NumStr+8)
	for i := 0; i < NumStr; i++ {
		out = append(out, StrColumns[i])
		switch i {
		case UserIdentitySessionContextAssumedRoot:
			out = append(out, EventTimeColumn)
		case EventID:
			out = append(out, ReadOnlyColumn, ManagementEventColumn)
			out = append(out, ResourceColumns[:]...)
		}
	}
	return append(out, ExtraColumn, SourceColumn)
}
