variable "region" {
  description = "Region of the AWS providers (IAM itself is global)."
  type        = string
  default     = "eu-west-1"
}

variable "profile_tooling" {
  description = "AWS profile for the tooling account 111111111111; null uses the default credential chain."
  type        = string
  default     = "acme-tooling"
}

variable "profile_dev" {
  description = "AWS profile for target dev (account 333333333333); null uses the default credential chain."
  type        = string
  default     = "acme-dev"
}

variable "profile_staging" {
  description = "AWS profile for target staging (account 444444444444); null uses the default credential chain."
  type        = string
  default     = "acme-staging"
}

variable "profile_prod" {
  description = "AWS profile for target prod (account 555555555555); null uses the default credential chain."
  type        = string
  default     = "acme-prod"
}
