variable "region" {
  description = "Region of the AWS providers (IAM itself is global)."
  type        = string
  default     = ${hcl(region)}
}

variable "profile_tooling" {
  description = "AWS profile for the tooling account ${toolingAccountId}; null uses the default credential chain."
  type        = string
  default     = ${toolingProfile}
}
<#list targets as t>

variable "${t.profileVariable}" {
  description = "AWS profile for target ${t.name} (account ${t.accountId}); null uses the default credential chain."
  type        = string
  default     = ${t.profile}
}
</#list>
<#if stackSets?has_content>

variable "profile_organizations" {
  description = "AWS profile for the organization's management or delegated administrator account (the StackSets); null uses the default credential chain."
  type        = string
  default     = ${organizationsProfile}
}
</#if>
