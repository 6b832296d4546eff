// Partner Support Bot on Azure: everything from an empty resource group to a bot that answers in
// Teams, except the Entra app registration (created beforehand, see README "Deploying to Azure").
//
//   App Service plan (Linux, two instances) -> Web App (Node, /healthz, HTTPS only, no ARR affinity)
//   Storage account: tables (run-time state) and a blob container (the imported partner directory)
//   Key Vault: the bot's client secret and the storage connection string, read by the Web App
//   through Key Vault references with its managed identity
//   Azure Bot (single tenant) with its messaging endpoint on the Web App and the Microsoft Teams channel
//
// Deploy with `npm run deploy` (src/cli/deploy.ts), which runs `az deployment group create` with
// infra/main.parameters.json and passes the secret as a secure parameter outside that file.
// Offline here the template is parsed with the tree-sitter Bicep grammar and checked by
// test/infra/bicep.test.ts; it has not been compiled by the Bicep CLI (see README).

targetScope = 'resourceGroup'

@description('Base name. The Web App answers on https://<appName>.azurewebsites.net, so it must be globally unique (2-40 letters, digits, hyphens).')
@minLength(2)
@maxLength(40)
param appName string

@description('Region of the plan, Web App, storage and Key Vault. The Azure Bot itself is global.')
param location string = resourceGroup().location

@description('Application (client) ID of the bot\'s Entra app registration (MicrosoftAppId).')
@minLength(36)
@maxLength(36)
param microsoftAppId string

@description('Directory (tenant) ID of the app registration\'s home tenant (MicrosoftAppTenantId).')
@minLength(36)
@maxLength(36)
param microsoftAppTenantId string

@description('A client secret of the app registration (MicrosoftAppPassword). Never put it into the parameters file: npm run deploy passes it from the environment.')
@secure()
@minLength(1)
param microsoftAppPassword string

@description('Display name of the Azure Bot (shown in the Azure portal; Teams shows the app package\'s name).')
param botDisplayName string = 'Partner Support'

@description('Azure Bot pricing tier. Microsoft Teams is a standard channel, which F0 does not limit.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan tier. Basic (B1) has Always On and up to 3 instances scaled by hand; Standard and Premium add autoscale and deployment slots.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param planSku string = 'B1'

@description('Instances of the Web App. Two or more: state is shared in Azure Storage, and health check only takes an instance out of rotation when another is left.')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

@description('Node.js on App Service Linux (linuxFxVersion NODE|<value>). The bot is built and tested on Node 20.')
@allowed([
  '20-lts'
  '22-lts'
])
param nodeVersion string = '20-lts'

@description('Daily proactive reminders, UTC HH:MM, or off (REMINDERS_AT).')
param remindersAt string = '07:00'

@description('pino log level of the bot (LOG_LEVEL).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Data directory on each instance\'s local disk (DATA_DIR). Not under /home: /home is one network share for all instances, and a data directory is served by one server at a time.')
param dataDir string = '/tmp/partner-support-bot'

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@description('Blob container that holds the imported partner directory (written by npm run import with STORE=azure).')
param directoryContainerName string = 'directory'

@description('Prefix of the run-time store\'s Azure tables (the Azure store names each table <prefix><name>, e.g. psbstate).')
param tablePrefix string = 'psb'

@description('The run-time store\'s tables (TableName in src/store/types.ts). The app creates a missing one on first use; creating them here lets a first start and npm run import find them.')
param tableNames array = [
  'state'
  'ledgers'
  'cases'
  'conversations'
  'settings'
  'activities'
  'meta'
  'audit'
  'knowledge'
]

@description('Tags on every resource.')
param tags object = {
  app: 'partner-support-bot'
}

// Names that must be globally unique get a stable suffix from the resource group and the app name.
var suffix = uniqueString(resourceGroup().id, appName)
var storageAccountName = 'st${take(suffix, 13)}'
var keyVaultName = 'kv-${take(suffix, 13)}'
var planName = 'plan-${appName}'
var botName = 'bot-${appName}'
// New Azure Bot registrations are single tenant (or a user-assigned managed identity); creating a
// multi-tenant one has been refused since 31 July 2025.
var microsoftAppType = 'SingleTenant'
var appSecretName = 'microsoft-app-password'
var storageSecretName = 'azure-storage-connection-string'
// Built-in role "Key Vault Secrets User": read secret values.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The app and npm run import use a connection string with the account key.
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // A bad import can be rolled back to the previous directory blob.
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource directoryContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: directoryContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tableNames: {
    parent: tableService
    name: '${tablePrefix}${table}'
  }
]

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource appSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: appSecretName
  properties: {
    value: microsoftAppPassword
    contentType: 'Client secret of the bot app registration ${microsoftAppId}'
  }
}

resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: storageSecretName
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    contentType: 'Connection string of storage account ${storage.name}'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Any instance can serve any conversation: state lives in Azure Storage, not in one process.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|${nodeVersion}'
      // The server compiled by the build during deployment (npm run build); started directly so two
      // instances never compile into the shared wwwroot at the same time.
      appCommandLine: 'node --no-deprecation build/cli/serve.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: false
      appSettings: [
        {
          name: 'MicrosoftAppId'
          value: microsoftAppId
        }
        {
          name: 'MicrosoftAppType'
          value: microsoftAppType
        }
        {
          name: 'MicrosoftAppTenantId'
          value: microsoftAppTenantId
        }
        {
          name: 'MicrosoftAppPassword'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${appSecret.name})'
        }
        {
          name: 'STORE'
          value: 'azure'
        }
        {
          name: 'AZURE_STORAGE_CONNECTION_STRING'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${storageSecret.name})'
        }
        {
          // The names the tables and the container above were created with.
          name: 'AZURE_TABLE_PREFIX'
          value: tablePrefix
        }
        {
          name: 'AZURE_DIRECTORY_CONTAINER'
          value: directoryContainerName
        }
        {
          name: 'DATA_DIR'
          value: dataDir
        }
        {
          name: 'REMINDERS_AT'
          value: remindersAt
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          // The zip holds the sources: the deployment runs npm install (with dev dependencies) and
          // npm run build on Linux, so native modules (lmdb) match the platform.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
      ]
    }
  }
}

resource webAppLogs 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'logs'
  properties: {
    // What `az webapp log config --docker-container-logging filesystem` turns on: the container's
    // stdout (the bot's pino log) in the log stream and under /home/LogFiles.
    httpLogs: {
      fileSystem: {
        enabled: true
        retentionInMb: 35
        retentionInDays: 7
      }
    }
  }
}

resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, webApp.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

@description('The Azure Bot\'s messaging endpoint.')
output messagingEndpoint string = bot.properties.endpoint

@description('The bot id: the Microsoft App ID, which the Teams app package names as its id and botId.')
output botId string = bot.properties.msaAppId

@description('Name of the Azure Bot resource.')
output botResourceName string = bot.name

@description('Name of the Web App (for az webapp deploy).')
output webAppName string = webApp.name

@description('Health check URL.')
output healthUrl string = 'https://${webApp.properties.defaultHostName}/healthz'

@description('Storage account for npm run import with STORE=azure (its connection string: az storage account show-connection-string).')
output storageAccountName string = storage.name

@description('Blob container of the partner directory.')
output directoryContainerName string = directoryContainer.name

@description('Key Vault that holds the bot secret and the storage connection string.')
output keyVaultName string = vault.name
