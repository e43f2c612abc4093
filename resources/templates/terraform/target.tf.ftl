<#import "_role.ftl" as roles>
# Target ${target.name}: account ${target.accountId}<#if target.production>, production</#if>. The deploy role trusts only its OIDC role, with the ExternalId.
<@roles.role r=target provider="aws." + target.alias/>
