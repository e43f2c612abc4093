# Tooling account 111111111111: the GitHub OIDC provider and the OIDC role(s) that GitHub Actions assumes first.
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    managed-by = "rolechain"
  }
}

resource "aws_iam_role" "oidc_dev" {
  name                 = "gha-oidc-dev"
  path                 = "/"
  description          = "GitHub Actions OIDC role for acme (managed by Rolechain)"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "RolechainGitHubOidc"
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          }
          StringLike = {
            "token.actions.githubusercontent.com:sub" = ["repo:acme/app:ref:refs/heads/*", "repo:acme/app:pull_request", "repo:acme/infra:ref:refs/heads/feature/*"]
          }
        }
      },
    ]
  })
  tags = {
    managed-by = "rolechain"
  }

  depends_on = [aws_iam_openid_connect_provider.github]
}

resource "aws_iam_role_policy" "oidc_dev_rolechain_assume_deploy_roles" {
  name = "rolechain-assume-deploy-roles"
  role = aws_iam_role.oidc_dev.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AssumeDeployRoles"
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "sts:TagSession"]
        Resource = "arn:aws:iam::333333333333:role/gha-deploy"
      },
    ]
  })
}

resource "aws_iam_role" "oidc_staging" {
  name                 = "gha-oidc-staging"
  path                 = "/"
  description          = "GitHub Actions OIDC role for acme (managed by Rolechain)"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "RolechainGitHubOidc"
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          }
          StringLike = {
            "token.actions.githubusercontent.com:sub" = ["repo:acme/app:ref:refs/heads/main", "repo:acme/app:ref:refs/tags/v*"]
          }
        }
      },
    ]
  })
  tags = {
    managed-by = "rolechain"
  }

  depends_on = [aws_iam_openid_connect_provider.github]
}

resource "aws_iam_role_policy" "oidc_staging_rolechain_assume_deploy_roles" {
  name = "rolechain-assume-deploy-roles"
  role = aws_iam_role.oidc_staging.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AssumeDeployRoles"
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "sts:TagSession"]
        Resource = "arn:aws:iam::444444444444:role/gha-deploy"
      },
    ]
  })
}

resource "aws_iam_role" "oidc_prod" {
  name                 = "gha-oidc-prod"
  path                 = "/"
  description          = "GitHub Actions OIDC role for acme (managed by Rolechain)"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "RolechainGitHubOidc"
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
            "token.actions.githubusercontent.com:sub" = "repo:acme/app:environment:production"
          }
        }
      },
    ]
  })
  tags = {
    managed-by = "rolechain"
  }

  depends_on = [aws_iam_openid_connect_provider.github]
}

resource "aws_iam_role_policy" "oidc_prod_rolechain_assume_deploy_roles" {
  name = "rolechain-assume-deploy-roles"
  role = aws_iam_role.oidc_prod.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AssumeDeployRoles"
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "sts:TagSession"]
        Resource = "arn:aws:iam::555555555555:role/gha-deploy"
      },
    ]
  })
}
