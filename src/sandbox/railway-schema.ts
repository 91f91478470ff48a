/**
 * The part of Railway's public GraphQL schema the simulated Railway serves: the types, fields and
 * arguments of the operations rollback-guard uses, copied from Railway's published SDL
 * (contracts/railway-schema.graphql, see SOURCES.md there) with the other fields left out.
 * The sandbox executes requests against it with the `graphql` package, so documents are validated
 * and answers are shaped exactly as the schema says. A contract test checks that every type, field
 * and argument here is the same in the published schema.
 */
export const RAILWAY_SANDBOX_SDL = /* GraphQL */ `
  """
  A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the date-time format of RFC 3339.
  """
  scalar DateTime

  scalar DeploymentMeta

  type Deployment {
    canRedeploy: Boolean!
    canRollback: Boolean!
    createdAt: DateTime!
    """
    Check if a deployment's instances have all stopped
    """
    deploymentStopped: Boolean!
    environmentId: String!
    id: ID!
    meta: DeploymentMeta
    projectId: String!
    serviceId: String
    snapshotId: String
    staticUrl: String
    status: DeploymentStatus!
    statusUpdatedAt: DateTime
    updatedAt: DateTime!
    url: String
  }

  input DeploymentListInput {
    environmentId: String
    includeDeleted: Boolean
    projectId: String
    serviceId: String
    status: DeploymentStatusInput
  }

  enum DeploymentStatus {
    BUILDING
    CRASHED
    DEPLOYING
    FAILED
    INITIALIZING
    NEEDS_APPROVAL
    QUEUED
    REMOVED
    REMOVING
    SKIPPED
    SLEEPING
    SUCCESS
    WAITING
  }

  input DeploymentStatusInput {
    in: [DeploymentStatus!]
    notIn: [DeploymentStatus!]
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  type QueryDeploymentsConnection {
    edges: [QueryDeploymentsConnectionEdge!]!
    pageInfo: PageInfo!
  }

  type QueryDeploymentsConnectionEdge {
    cursor: String!
    node: Deployment!
  }

  type ServiceInstance {
    """
    All currently active (deployed and running) deployments for this service instance
    """
    activeDeployments: [Deployment!]!
    createdAt: DateTime!
    environmentId: String!
    id: ID!
    """
    The most recent deployment for this service instance
    """
    latestDeployment: Deployment
    serviceId: String!
    serviceName: String!
    updatedAt: DateTime!
  }

  type Query {
    """
    Find a single deployment
    """
    deployment(id: String!): Deployment!
    """
    Get all deployments
    """
    deployments(
      after: String
      before: String
      first: Int
      input: DeploymentListInput!
      last: Int
    ): QueryDeploymentsConnection!
    """
    Get a service instance belonging to a service and environment
    """
    serviceInstance(environmentId: String!, serviceId: String!): ServiceInstance!
  }

  type Mutation {
    """
    Rolls back to a deployment.
    """
    deploymentRollback(id: String!): Boolean!
  }
`;
