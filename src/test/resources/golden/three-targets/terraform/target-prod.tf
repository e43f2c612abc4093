# Target prod: account 555555555555, production. The deploy role trusts only its OIDC role, with the ExternalId.
resource "aws_iam_role" "deploy_prod" {
  provider             = aws.prod
  name                 = "gha-deploy"
  path                 = "/"
  description          = "Deploy role for GitHub Actions of acme, target prod (managed by Rolechain)"
  max_session_duration = 7200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "RolechainOidcRoleChain"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/gha-oidc-prod"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "sts:ExternalId" = "acme-prod-e4c8f1"
          }
        }
      },
      {
        Sid    = "RolechainSessionTags"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/gha-oidc-prod"
        }
        Action = "sts:TagSession"
        Condition = {
          StringEquals = {
            "sts:ExternalId"            = "acme-prod-e4c8f1"
            "aws:RequestTag/Repository" = "acme/app"
          }
        }
      },
    ]
  })
  tags = {
    managed-by             = "rolechain"
    "rolechain:production" = "true"
  }

  depends_on = [aws_iam_role.oidc_prod]
}

resource "aws_iam_role_policy_attachment" "deploy_prod" {
  provider   = aws.prod
  for_each   = toset(["arn:aws:iam::aws:policy/PowerUserAccess"])
  role       = aws_iam_role.deploy_prod.name
  policy_arn = each.value
}
