# Target dev: account 333333333333. The deploy role trusts only its OIDC role, with the ExternalId.
resource "aws_iam_role" "deploy_dev" {
  provider             = aws.dev
  name                 = "gha-deploy"
  path                 = "/"
  description          = "Deploy role for GitHub Actions of acme, target dev (managed by Rolechain)"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "RolechainOidcRoleChain"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/gha-oidc-dev"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "sts:ExternalId" = "acme-dev-5b1e7c"
          }
        }
      },
      {
        Sid    = "RolechainSessionTags"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/gha-oidc-dev"
        }
        Action = "sts:TagSession"
        Condition = {
          StringEquals = {
            "sts:ExternalId" = "acme-dev-5b1e7c"
          }
        }
      },
    ]
  })
  tags = {
    managed-by = "rolechain"
  }

  depends_on = [aws_iam_role.oidc_dev]
}

resource "aws_iam_role_policy" "deploy_dev_deploy_artifacts" {
  provider = aws.dev
  name     = "deploy-artifacts"
  role     = aws_iam_role.deploy_dev.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "PutArtifacts"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject"]
        Resource = "arn:aws:s3:::acme-dev-artifacts/*"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "deploy_dev" {
  provider   = aws.dev
  for_each   = toset(["arn:aws:iam::aws:policy/ReadOnlyAccess"])
  role       = aws_iam_role.deploy_dev.name
  policy_arn = each.value
}
