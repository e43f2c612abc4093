# Target ${s.name}: every member account of ${s.ouList}, now and later<#if s.production>, production</#if>.
# A service-managed StackSet puts the deploy role of its CloudFormation template in each account; its
# trust pins the OIDC role and the ExternalId. Created under the management or delegated administrator account.
resource "aws_cloudformation_stack_set" "${s.id}" {
  provider         = aws.organizations
  name             = ${s.stackSetName}
  description      = ${s.description}
  permission_model = "SERVICE_MANAGED"
  capabilities     = ["CAPABILITY_NAMED_IAM"]
  template_body    = ${s.templateFile}

  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = ${s.retain?c}
  }

  lifecycle {
    ignore_changes = [administration_role_arn]
  }

  depends_on = [${s.dependsOn}]
}

resource "aws_cloudformation_stack_instances" "${s.id}" {
  provider       = aws.organizations
  stack_set_name = aws_cloudformation_stack_set.${s.id}.name
  regions        = ${s.regions}

  deployment_targets {
    organizational_unit_ids = ${s.ous}
  }
}
