# Tooling account 111111111111: the GitHub OIDC provider and the OIDC role(s) that GitHub Actions assumes first.
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    managed-by = "rolechain"
  }
}

resource "aws_iam_role" "oidc" {
  name                 = "github-actions-oidc"
  path                 = "/"
  description          = "GitHub Actions OIDC role for myorg (managed by Rolechain)"
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
            "token.actions.githubusercontent.com:sub" = "repo:myorg/*:ref:refs/heads/main"
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

resource "aws_iam_role_policy" "oidc_rolechain_assume_deploy_roles" {
  name = "rolechain-assume-deploy-roles"
  role = aws_iam_role.oidc.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AssumeDeployRoles"
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "sts:TagSession"]
        Resource = "arn:aws:iam::222222222222:role/ci-deploy-role"
      },
    ]
  })
}
