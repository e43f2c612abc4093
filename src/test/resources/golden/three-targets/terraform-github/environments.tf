data "github_team" "team_acme_platform" {
  slug = "platform"
}

resource "github_repository_environment" "app_production" {
  repository          = "app"
  environment         = "production"
  prevent_self_review = true
  wait_timer          = 0

  reviewers {
    teams = [data.github_team.team_acme_platform.id]
  }

  deployment_branch_policy {
    protected_branches     = false
    custom_branch_policies = true
  }
}

resource "github_repository_environment_deployment_policy" "app_production_main" {
  repository     = "app"
  environment    = github_repository_environment.app_production.environment
  branch_pattern = "main"
}
