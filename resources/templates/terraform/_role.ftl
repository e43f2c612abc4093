<#macro role r provider="">
resource "aws_iam_role" "${r.id}" {
<#if provider?has_content>
  provider             = ${provider}
</#if>
  name                 = ${r.roleName}
  path                 = ${r.path}
  description          = ${r.description}
  max_session_duration = ${r.maxSession}
<#if r.boundary??>
  permissions_boundary = ${r.boundary}
</#if>
  assume_role_policy = jsonencode(${r.trust})
  tags = ${r.tags}
<#if r.dependsOn??>

  depends_on = [${r.dependsOn}]
</#if>
}
<#list r.inlinePolicies as p>

resource "aws_iam_role_policy" "${p.id}" {
<#if provider?has_content>
  provider = ${provider}
  name     = ${p.name}
  role     = aws_iam_role.${r.id}.name
<#else>
  name = ${p.name}
  role = aws_iam_role.${r.id}.name
</#if>
  policy = jsonencode(${p.policy})
}
</#list>
<#if r.managedPolicyArns??>

resource "aws_iam_role_policy_attachment" "${r.id}" {
<#if provider?has_content>
  provider   = ${provider}
</#if>
  for_each   = toset(${r.managedPolicyArns})
  role       = aws_iam_role.${r.id}.name
  policy_arn = each.value
}
</#if>
</#macro>
