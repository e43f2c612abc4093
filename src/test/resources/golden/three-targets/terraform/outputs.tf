output "oidc_provider_arn" {
  description = "The GitHub OIDC provider the OIDC roles trust."
  value       = aws_iam_openid_connect_provider.github.arn
}

output "oidc_role_arns" {
  description = "The OIDC role each target is reached through (role-to-assume of the first workflow step)."
  value = {
    dev     = aws_iam_role.oidc_dev.arn
    staging = aws_iam_role.oidc_staging.arn
    prod    = aws_iam_role.oidc_prod.arn
  }
}

output "deploy_role_arns" {
  description = "The deploy role of each target (role-to-assume of the chained workflow step)."
  value = {
    dev     = aws_iam_role.deploy_dev.arn
    staging = aws_iam_role.deploy_staging.arn
    prod    = aws_iam_role.deploy_prod.arn
  }
}
