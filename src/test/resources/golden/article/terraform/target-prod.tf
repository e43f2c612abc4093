# Target prod: account 222222222222, production. The deploy role trusts only its OIDC role, with the ExternalId.
resource "aws_iam_role" "deploy_prod" {
  provider             = aws.prod
  name                 = "ci-deploy-role"
  path                 = "/"
  description          = "Deploy role for GitHub Actions of myorg, target prod (managed by Rolechain)"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "RolechainOidcRoleChain"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/github-actions-oidc"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "sts:ExternalId" = "myorg-prod-deploy"
          }
        }
      },
      {
        Sid    = "RolechainSessionTags"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/github-actions-oidc"
        }
        Action = "sts:TagSession"
        Condition = {
          StringEquals = {
            "sts:ExternalId" = "myorg-prod-deploy"
          }
        }
      },
    ]
  })
  tags = {
    managed-by             = "rolechain"
    "rolechain:production" = "true"
  }

  depends_on = [aws_iam_role.oidc]
}

resource "aws_iam_role_policy_attachment" "deploy_prod" {
  provider   = aws.prod
  for_each   = toset(["arn:aws:iam::aws:policy/PowerUserAccess"])
  role       = aws_iam_role.deploy_prod.name
  policy_arn = each.value
}
