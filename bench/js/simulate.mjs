// Evaluates a rolechain eval --cases file with @cloud-copilot/iam-simulate, one result line a case:
// the reference whose whole-process time the eval benchmark compares with. Used only by bench/.
import { readFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const lines = readFileSync(process.argv[2], 'utf8').split('\n')
const out = []
const tally = {}
for (const line of lines) {
  if (line.trim() === '') continue
  const c = JSON.parse(line)
  const resource = c.resource ?? '*'
  const account = (resource.match(/^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/) || [])[1]
    ?? (c.principal.match(/:(\d{12}):/) || [])[1] ?? '111111111111'
  const simulation = {
    identityPolicies: (c.identityPolicies ?? []).map((policy, i) => ({ name: 'identity' + i, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.policy ?? undefined,
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource, accountId: account },
      contextVariables: c.context ?? {}
    }
  }
  const result = await runSimulation(simulation, {})
  // the result's shape changed across versions: overallResult (0.1.1xx), analysis.result (earlier)
  const decision = result.errors ? 'error' : result.overallResult ?? result.analysis?.result ?? result.result?.analysis?.result ?? 'error'
  tally[decision] = (tally[decision] ?? 0) + 1
  out.push(decision)
}
process.stdout.write(out.join('\n') + '\n')
process.stderr.write(JSON.stringify(tally) + '\n')
