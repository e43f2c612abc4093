# Target staging: account 444444444444. The deploy role trusts only its OIDC role, with the ExternalId.
resource "aws_iam_role" "deploy_staging" {
  provider             = aws.staging
  name                 = "gha-deploy"
  path                 = "/"
  description          = "Deploy role for GitHub Actions of acme, target staging (managed by Rolechain)"
  max_session_duration = 3600
  permissions_boundary = "arn:aws:iam::aws:policy/PowerUserAccess"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "RolechainOidcRoleChain"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/gha-oidc-staging"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "sts:ExternalId" = "acme-staging-93d0a2"
          }
        }
      },
      {
        Sid    = "RolechainSessionTags"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::111111111111:role/gha-oidc-staging"
        }
        Action = "sts:TagSession"
        Condition = {
          StringEquals = {
            "sts:ExternalId"            = "acme-staging-93d0a2"
            "aws:RequestTag/Repository" = "acme/app"
          }
        }
      },
    ]
  })
  tags = {
    managed-by = "rolechain"
  }

  depends_on = [aws_iam_role.oidc_staging]
}

resource "aws_iam_role_policy" "deploy_staging_release_artifacts" {
  provider = aws.staging
  name     = "release-artifacts"
  role     = aws_iam_role.deploy_staging.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "PutReleaseArtifacts"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject"]
        Resource = "arn:aws:s3:::acme-staging-artifacts/$${aws:PrincipalTag/Repository}/*"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "deploy_staging" {
  provider   = aws.staging
  for_each   = toset(["arn:aws:iam::aws:policy/PowerUserAccess"])
  role       = aws_iam_role.deploy_staging.name
  policy_arn = each.value
}
