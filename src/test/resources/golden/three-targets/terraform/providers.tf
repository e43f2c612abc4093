# One provider per account. allowed_account_ids stops a run under the wrong profile before it changes anything.
provider "aws" {
  region              = var.region
  profile             = var.profile_tooling
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias               = "dev"
  region              = var.region
  profile             = var.profile_dev
  allowed_account_ids = ["333333333333"]
}

provider "aws" {
  alias               = "staging"
  region              = var.region
  profile             = var.profile_staging
  allowed_account_ids = ["444444444444"]
}

provider "aws" {
  alias               = "prod"
  region              = var.region
  profile             = var.profile_prod
  allowed_account_ids = ["555555555555"]
}
