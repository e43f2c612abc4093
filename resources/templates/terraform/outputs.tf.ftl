output "oidc_provider_arn" {
  description = "The GitHub OIDC provider the OIDC roles trust."
<#if createProvider>
  value       = aws_iam_openid_connect_provider.github.arn
<#else>
  value       = data.aws_iam_openid_connect_provider.github.arn
</#if>
}

output "oidc_role_arns" {
  description = "The OIDC role each target is reached through (role-to-assume of the first workflow step)."
  value = ${oidcRoleOutputs}
}

output "deploy_role_arns" {
  description = "The deploy role of each target (role-to-assume of the chained workflow step)."
  value = ${deployRoleOutputs}
}
