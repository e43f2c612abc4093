variable "region" {
  description = "Region of the AWS providers (IAM itself is global)."
  type        = string
  default     = "us-east-1"
}

variable "profile_tooling" {
  description = "AWS profile for the tooling account 111111111111; null uses the default credential chain."
  type        = string
  default     = null
}

variable "profile_prod" {
  description = "AWS profile for target prod (account 222222222222); null uses the default credential chain."
  type        = string
  default     = null
}
