<#list users as u>
data "github_user" "${u.id}" {
  username = ${hcl(u.login)}
}

</#list>
<#list teams as t>
data "github_team" "${t.id}" {
  slug = ${hcl(t.slug)}
}

</#list>
<#list environments as e>
resource "github_repository_environment" "${e.id}" {
  repository          = ${hcl(e.repository)}
  environment         = ${hcl(e.environment)}
  prevent_self_review = ${e.preventSelfReview?c}
  wait_timer          = ${e.waitMinutes?c}
<#if e.users?has_content || e.teams?has_content>

  reviewers {
<#if e.users?has_content>
    users = [<#list e.users as u>data.github_user.${u}.id<#sep>, </#sep></#list>]
</#if>
<#if e.teams?has_content>
    teams = [<#list e.teams as t>data.github_team.${t}.id<#sep>, </#sep></#list>]
</#if>
  }
</#if>

  deployment_branch_policy {
    protected_branches     = ${(!e.branches?has_content)?c}
    custom_branch_policies = ${e.branches?has_content?c}
  }
}
<#list e.branches as b>

resource "github_repository_environment_deployment_policy" "${b.id}" {
  repository     = ${hcl(e.repository)}
  environment    = github_repository_environment.${e.id}.environment
  branch_pattern = ${hcl(b.pattern)}
}
</#list>
<#sep>

</#sep>
</#list>
