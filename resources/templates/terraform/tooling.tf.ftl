<#import "_role.ftl" as roles>
# Tooling account ${toolingAccountId}: the GitHub OIDC provider and the OIDC role(s) that GitHub Actions assumes first.
<#if createProvider>
resource "aws_iam_openid_connect_provider" "github" {
  url            = ${hcl(providerUrl)}
  client_id_list = ${audiences}
  tags = ${providerTags}
}
<#else>
# The account's existing provider is reused: Rolechain neither creates nor changes it.
data "aws_iam_openid_connect_provider" "github" {
  url = ${hcl(providerUrl)}
}
</#if>
<#list oidcRoles as r>

<@roles.role r=r + {"dependsOn": (createProvider?then("aws_iam_openid_connect_provider.github", "data.aws_iam_openid_connect_provider.github"))}/>
</#list>
