{{/* The release's name for every object: <release>-warmnest, unless the release already says warmnest. */}}
{{- define "warmnest.fullname" -}}
{{- if contains "warmnest" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-warmnest" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The components: values key and Kubernetes name. The gateway first; the three services after. */}}
{{- define "warmnest.components" -}}
gateway: gateway
tenantService: tenant-service
careService: care-service
billingService: billing-service
{{- end -}}

{{- define "warmnest.services" -}}
tenantService: tenant-service
careService: care-service
billingService: billing-service
{{- end -}}

{{- define "warmnest.selectorLabels" -}}
app.kubernetes.io/name: warmnest
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "warmnest.labels" -}}
{{ include "warmnest.selectorLabels" . }}
app.kubernetes.io/part-of: warmnest
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* Labels of the pods that serve the API (not the migrate jobs): the peers the services accept. */}}
{{- define "warmnest.instanceLabels" -}}
app.kubernetes.io/name: warmnest
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "warmnest.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "warmnest.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* repository:tag, or repository:tag@digest; the component's own tag or digest before the product's. */}}
{{- define "warmnest.image" -}}
{{- $v := .values.image -}}
{{- $g := .root.Values.image -}}
{{- $repo := $v.repository -}}
{{- if $g.registry }}{{ $repo = printf "%s/%s" $g.registry $v.repository }}{{ end -}}
{{- $tag := default $g.tag $v.tag -}}
{{- $digest := default $g.digest $v.digest -}}
{{- if $digest -}}
{{- printf "%s:%s@%s" $repo $tag $digest -}}
{{- else -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}
{{- end -}}

{{- define "warmnest.url" -}}
{{- printf "http://%s-%s:8080" (include "warmnest.fullname" .root) .name -}}
{{- end -}}

{{- define "warmnest.issuer" -}}
{{- default (printf "%s/realms/%s" (trimSuffix "/" .Values.keycloak.url) .Values.keycloak.realm) .Values.keycloak.issuer -}}
{{- end -}}

{{/* A Secret's name: the existing one, else the one the chart makes from values. */}}
{{- define "warmnest.secretName" -}}
{{- if .existing -}}{{ .existing }}{{- else -}}{{ printf "%s-%s" (include "warmnest.fullname" .root) .suffix }}{{- end -}}
{{- end -}}

{{- define "warmnest.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/*
The environment of one component, the same for its Deployment and its migrate job. Names as each service's
application.yml reads them (billing-service reads its neighbours and its service account by relaxed binding).
Both database logins go to both: the pool logs in as the application login (WARMNEST_DB_USER), and migrations, the
job's and a tenant's at provisioning, as the migration login (WARMNEST_DB_MIGRATION_USER), which grants the other.
*/}}
{{- define "warmnest.env" -}}
{{- $root := .root -}}
{{- $v := .values -}}
{{- $name := .name -}}
{{- $full := include "warmnest.fullname" $root -}}
{{- $issuer := include "warmnest.issuer" $root -}}
{{- $jwks := default (printf "%s/protocol/openid-connect/certs" $issuer) $root.Values.keycloak.jwksUri -}}
{{- $token := default (printf "%s/protocol/openid-connect/token" $issuer) $root.Values.keycloak.tokenUri -}}
{{- $tenantUrl := include "warmnest.url" (dict "root" $root "name" "tenant-service") -}}
{{- $careUrl := include "warmnest.url" (dict "root" $root "name" "care-service") -}}
{{- $billingUrl := include "warmnest.url" (dict "root" $root "name" "billing-service") -}}
- name: PORT
  value: "8080"
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-XX:MaxRAMPercentage=%v -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp %s" $root.Values.jvm.maxRamPercentage $root.Values.jvm.extraOptions | trim | quote }}
- name: SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE
  value: {{ $root.Values.shutdown.timeoutPerPhase | quote }}
- name: WARMNEST_ISSUER
  value: {{ $issuer | quote }}
- name: WARMNEST_JWKS_URI
  value: {{ $jwks | quote }}
- name: WARMNEST_AUDIENCE
  value: {{ $root.Values.keycloak.audience | quote }}
{{- /* every service reads the identity state and engagement changes there; tenant-service writes them */}}
- name: WARMNEST_REDIS_HOST
  value: {{ $root.Values.redis.host | quote }}
- name: WARMNEST_REDIS_PORT
  value: {{ $root.Values.redis.port | quote }}
{{- if or $root.Values.redis.existingSecret $root.Values.redis.password }}
{{ include "warmnest.secretEnv" (dict "env" (ternary "WARMNEST_REDIS_PASSWORD" "SPRING_DATA_REDIS_PASSWORD" (eq $name "gateway")) "secret" (include "warmnest.secretName" (dict "root" $root "existing" $root.Values.redis.existingSecret "suffix" "redis")) "key" $root.Values.redis.passwordKey) }}
{{- end }}
{{- if eq $name "gateway" }}
- name: WARMNEST_TENANT_URL
  value: {{ $tenantUrl | quote }}
- name: WARMNEST_CARE_URL
  value: {{ $careUrl | quote }}
- name: WARMNEST_BILLING_URL
  value: {{ $billingUrl | quote }}
- name: WARMNEST_CONSOLE_ORIGIN
  value: {{ $root.Values.consoleOrigin | quote }}
- name: WARMNEST_MAX_BODY_SIZE
  value: {{ $v.maxBodySize | quote }}
- name: WARMNEST_MAX_UPLOAD_SIZE
  value: {{ $v.maxUploadSize | quote }}
- name: WARMNEST_METRICS_USER
  value: {{ $v.metrics.username | quote }}
{{- if $v.metrics.existingSecret }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_METRICS_PASSWORD" "secret" $v.metrics.existingSecret "key" $v.metrics.passwordKey) }}
{{- end }}
{{- /* the console's sign-in: the gateway is the realm's confidential client; without its secret, no console */}}
- name: WARMNEST_PUBLIC_URL
  value: {{ default (printf "%s://%s" (ternary "https" "http" (gt (len $root.Values.ingress.tls) 0)) $root.Values.ingress.host) $root.Values.publicUrl | quote }}
- name: WARMNEST_SECURE_COOKIES
  value: {{ or (gt (len $root.Values.ingress.tls) 0) (hasPrefix "https:" (default "" $root.Values.publicUrl)) | quote }}
- name: WARMNEST_GATEWAY_CLIENT_ID
  value: {{ $v.client.id | quote }}
{{- if or $v.client.existingSecret $v.client.secret }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_GATEWAY_SECRET" "secret" (include "warmnest.secretName" (dict "root" $root "existing" $v.client.existingSecret "suffix" "gateway-client")) "key" $v.client.secretKey) }}
{{- end }}
{{- else }}
- name: WARMNEST_PUBLIC_URL
  value: {{ default (printf "%s://%s" (ternary "https" "http" (gt (len $root.Values.ingress.tls) 0)) $root.Values.ingress.host) $root.Values.publicUrl | quote }}
- name: WARMNEST_TRUSTED_PROXIES
  value: {{ $root.Values.trustedProxies | quote }}
{{- $db := $v.database }}
{{- $dbSecret := include "warmnest.secretName" (dict "root" $root "existing" $db.existingSecret "suffix" (printf "%s-db" $name)) }}
- name: WARMNEST_DB_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s%s" $root.Values.postgresql.host $root.Values.postgresql.port $db.name (ternary (printf "?%s" $root.Values.postgresql.parameters) "" (ne $root.Values.postgresql.parameters "")) | quote }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_DB_USER" "secret" $dbSecret "key" $db.usernameKey) }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_DB_PASSWORD" "secret" $dbSecret "key" $db.passwordKey) }}
{{- $migration := $db.migration }}
{{- $migrationSecret := include "warmnest.secretName" (dict "root" $root "existing" $migration.existingSecret "suffix" (printf "%s-db-migration" $name)) }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_DB_MIGRATION_USER" "secret" $migrationSecret "key" $migration.usernameKey) }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_DB_MIGRATION_PASSWORD" "secret" $migrationSecret "key" $migration.passwordKey) }}
{{- $clientSecret := include "warmnest.secretName" (dict "root" $root "existing" $v.client.existingSecret "suffix" (printf "%s-client" $name)) }}
{{- if eq $name "billing-service" }}
- name: WARMNEST_TENANT_URL
  value: {{ $tenantUrl | quote }}
- name: WARMNEST_CARE_URL
  value: {{ $careUrl | quote }}
{{- end }}
- name: WARMNEST_TOKEN_URI
  value: {{ $token | quote }}
- name: WARMNEST_CLIENT_ID
  value: {{ $v.client.id | quote }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_CLIENT_SECRET" "secret" $clientSecret "key" $v.client.secretKey) }}
{{- if eq $name "tenant-service" }}
- name: WARMNEST_IDENTITY_ENABLED
  value: "true"
- name: WARMNEST_KEYCLOAK_URL
  value: {{ trimSuffix "/" $root.Values.keycloak.url | quote }}
- name: WARMNEST_KEYCLOAK_REALM
  value: {{ $root.Values.keycloak.realm | quote }}
- name: WARMNEST_CARE_URL
  value: {{ $careUrl | quote }}
- name: WARMNEST_BILLING_URL
  value: {{ $billingUrl | quote }}
{{- end }}
{{- if eq $name "care-service" }}
- name: WARMNEST_TENANT_URL
  value: {{ $tenantUrl | quote }}
{{- $pii := $v.pii }}
{{- $piiSecret := include "warmnest.secretName" (dict "root" $root "existing" $pii.existingSecret "suffix" "care-pii") }}
- name: WARMNEST_PII_ALGORITHM
  value: {{ $pii.algorithm | quote }}
- name: WARMNEST_PII_INDEX_ALGORITHM
  value: {{ $pii.indexAlgorithm | quote }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_PII_KEYS" "secret" $piiSecret "key" $pii.keysKey) }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_PII_ACTIVE_KEY" "secret" $piiSecret "key" $pii.activeKeyKey) }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_PII_INDEX_KEY" "secret" $piiSecret "key" $pii.indexKeyKey) }}
{{- $ev := $v.evidence }}
- name: WARMNEST_EVIDENCE_STORE
  value: {{ $ev.store | quote }}
{{- if eq $ev.store "local" }}
- name: WARMNEST_EVIDENCE_LOCAL_ROOT
  value: /var/lib/warmnest/evidence
{{- else }}
- name: WARMNEST_EVIDENCE_S3_ENDPOINT
  value: {{ $ev.s3.endpoint | quote }}
- name: WARMNEST_EVIDENCE_S3_REGION
  value: {{ $ev.s3.region | quote }}
- name: WARMNEST_EVIDENCE_S3_BUCKET
  value: {{ $ev.s3.bucket | quote }}
- name: WARMNEST_EVIDENCE_S3_PATH_STYLE
  value: {{ $ev.s3.pathStyle | quote }}
- name: WARMNEST_EVIDENCE_S3_SERVER_SIDE_ENCRYPTION
  value: {{ $ev.s3.serverSideEncryption | quote }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_EVIDENCE_S3_ACCESS_KEY" "secret" $ev.s3.existingSecret "key" $ev.s3.accessKeyKey) }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_EVIDENCE_S3_SECRET_KEY" "secret" $ev.s3.existingSecret "key" $ev.s3.secretKeyKey) }}
{{- end }}
{{- if $v.sms.baseUrl }}
- name: WARMNEST_SMS_BASE_URL
  value: {{ $v.sms.baseUrl | quote }}
- name: WARMNEST_SMS_SIGN_NAME
  value: {{ $v.sms.signName | quote }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_SMS_APP_KEY" "secret" $v.sms.existingSecret "key" $v.sms.appKeyKey) }}
{{ include "warmnest.secretEnv" (dict "env" "WARMNEST_SMS_APP_SECRET" "secret" $v.sms.existingSecret "key" $v.sms.appSecretKey) }}
{{- end }}
{{- end }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The container security context every container gets: non-root, read-only, no privileges. */}}
{{- define "warmnest.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "warmnest.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* One egress rule from {to: [peers], ports: [numbers]}; DNS ports go out as UDP and TCP. */}}
{{- define "warmnest.egressRule" -}}
- {{- if .to }}
  to:
    {{- toYaml .to | nindent 4 }}
  {{- end }}
  ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- if eq (int .) 53 }}
    - port: {{ . }}
      protocol: UDP
    {{- end }}
    {{- end }}
{{- end -}}

{{/* A Secret made from values: a hook before the migrate jobs, which need it. */}}
{{- define "warmnest.secretMeta" -}}
metadata:
  name: {{ .secretName }}
  labels:
    app.kubernetes.io/name: warmnest
    app.kubernetes.io/instance: {{ .root.Release.Name }}
    app.kubernetes.io/managed-by: {{ .root.Release.Service }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-20"
    helm.sh/hook-delete-policy: before-hook-creation
{{- end -}}
