# One provider per account. allowed_account_ids stops a run under the wrong profile before it changes anything.
provider "aws" {
  region              = var.region
  profile             = var.profile_tooling
  allowed_account_ids = ["${toolingAccountId}"]
}
<#list targets as t>

provider "aws" {
  alias               = "${t.alias}"
  region              = var.region
  profile             = var.${t.profileVariable}
  allowed_account_ids = ["${t.accountId}"]
}
</#list>
<#if stackSets?has_content>

# The management or delegated administrator account: the StackSets of organization targets are created here.
provider "aws" {
  alias   = "organizations"
  region  = var.region
  profile = var.profile_organizations
}
</#if>
