# One provider per account. allowed_account_ids stops a run under the wrong profile before it changes anything.
provider "aws" {
  region              = var.region
  profile             = var.profile_tooling
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias               = "prod"
  region              = var.region
  profile             = var.profile_prod
  allowed_account_ids = ["222222222222"]
}
