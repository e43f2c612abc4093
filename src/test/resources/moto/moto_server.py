"""Starts moto's server, with one gap of moto 5.2.1 filled the way AWS documents it.

moto ignores DeploymentTargets.AccountFilterType on CreateStackInstances: it deploys to every account of the
named OUs whatever the filter says. AWS (CloudFormation API reference, DeploymentTargets) defines the filter:
  NONE          every account of the OUs (the default);
  INTERSECTION  only the listed accounts that are in the OUs;
  DIFFERENCE    the OUs' accounts except the listed ones;
  UNION         the OUs' accounts and the listed accounts.
Rolechain asks for an account moved into an OU with INTERSECTION, so the tests run moto with the filter honoured.
Where moto already honours the filter (a version that reads it), this leaves moto alone.
Usage: python3 moto_server.py [moto.server arguments]
"""
import inspect
import sys

from moto.cloudformation import models
from moto.server import main

# a moto without this class (another layout) starts unpatched: only the test of the filter then fails
_original = getattr(getattr(models, "StackInstances", None), "create_instances", None)


def _accounts_in(collection, ous):
    org = collection.org_backend
    wanted = set(ous)
    # moto's own create_instances also reaches the OUs one level below those named
    wanted |= {ou.id for ou in org.ou if ou.parent_id in ous}
    return [a.id for a in org.accounts if a.parent_id in wanted]


def create_instances(self, accounts, regions, parameters, deployment_targets, permission_model):
    mode = (deployment_targets or {}).get("AccountFilterType", "NONE")
    ous = (deployment_targets or {}).get("OrganizationalUnitIds", [])
    if mode == "NONE" or not ous:
        return _original(self, accounts, regions, parameters, deployment_targets, permission_model)
    listed = list((deployment_targets or {}).get("Accounts", []))
    in_ous = _accounts_in(self, ous)
    if mode == "INTERSECTION":
        chosen = [a for a in in_ous if a in listed]
    elif mode == "DIFFERENCE":
        chosen = [a for a in in_ous if a not in listed]
    elif mode == "UNION":
        chosen = in_ous + [a for a in listed if a not in in_ous]
    else:
        raise models.ValidationError(message="AccountFilterType must be NONE, INTERSECTION, DIFFERENCE or UNION")
    # the chosen accounts, named directly, with no OU left to widen them
    return _original(self, list(accounts) + chosen, regions, parameters, {}, permission_model)


if _original is not None and "AccountFilterType" not in inspect.getsource(_original):
    models.StackInstances.create_instances = create_instances

if __name__ == "__main__":
    sys.argv[0] = "moto_server"
    sys.exit(main())
