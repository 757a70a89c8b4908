{{/* Chart name, at most 63 characters. */}}
{{- define "innkeeper.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: the release name, plus the chart name unless the release name contains it. */}}
{{- define "innkeeper.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "innkeeper.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "innkeeper.selectorLabels" -}}
app.kubernetes.io/name: {{ include "innkeeper.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "innkeeper.labels" -}}
helm.sh/chart: {{ include "innkeeper.chart" . }}
{{ include "innkeeper.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: innkeeper
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "innkeeper.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "innkeeper.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "innkeeper.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* The Secret the chart makes for the database password and the OIDC client secret. */}}
{{- define "innkeeper.secretName" -}}
{{- printf "%s-secrets" (include "innkeeper.fullname" .) }}
{{- end }}

{{/* True when the chart must make its own Secret (some secret has no existingSecret). */}}
{{- define "innkeeper.makesSecret" -}}
{{- if or (not .Values.database.existingSecret) (not .Values.oidc.existingSecret) (and .Values.cloudInit.publicUrl (not .Values.cloudInit.existingSecret)) (and .Values.mail.password (not .Values.mail.existingSecret)) (and .Values.keycloakAdmin.clientSecret (not .Values.keycloakAdmin.existingSecret)) (and .Values.notifications.unsubscribeKey (not .Values.notifications.existingSecret)) (and .Values.billing.stripe.secretKey (not .Values.billing.stripe.existingSecret)) }}true{{- end }}
{{- end }}

{{- define "innkeeper.databaseSecretName" -}}
{{- .Values.database.existingSecret | default (include "innkeeper.secretName" .) }}
{{- end }}

{{- define "innkeeper.databasePasswordKey" -}}
{{- if .Values.database.existingSecret }}{{ .Values.database.existingSecretPasswordKey }}{{ else }}database-password{{ end }}
{{- end }}

{{- define "innkeeper.oidcSecretName" -}}
{{- .Values.oidc.existingSecret | default (include "innkeeper.secretName" .) }}
{{- end }}

{{- define "innkeeper.oidcSecretKey" -}}
{{- if .Values.oidc.existingSecret }}{{ .Values.oidc.existingSecretKey }}{{ else }}oidc-client-secret{{ end }}
{{- end }}

{{- define "innkeeper.cloudInitSecretName" -}}
{{- .Values.cloudInit.existingSecret | default (include "innkeeper.secretName" .) }}
{{- end }}

{{- define "innkeeper.cloudInitSecretKey" -}}
{{- if .Values.cloudInit.existingSecret }}{{ .Values.cloudInit.existingSecretKey }}{{ else }}cloud-init-secret{{ end }}
{{- end }}

{{/* The SMTP password comes from mail.existingSecret or the chart's Secret; none when neither has one. */}}
{{- define "innkeeper.mailSecretName" -}}
{{- .Values.mail.existingSecret | default (include "innkeeper.secretName" .) }}
{{- end }}

{{- define "innkeeper.mailSecretKey" -}}
{{- if .Values.mail.existingSecret }}{{ .Values.mail.existingSecretKey }}{{ else }}smtp-password{{ end }}
{{- end }}

{{/* The Keycloak admin client secret likewise, from keycloakAdmin.existingSecret or the chart's Secret. */}}
{{- define "innkeeper.keycloakAdminSecretName" -}}
{{- .Values.keycloakAdmin.existingSecret | default (include "innkeeper.secretName" .) }}
{{- end }}

{{- define "innkeeper.keycloakAdminSecretKey" -}}
{{- if .Values.keycloakAdmin.existingSecret }}{{ .Values.keycloakAdmin.existingSecretKey }}{{ else }}keycloak-admin-secret{{ end }}
{{- end }}

{{/* The unsubscribe links' key, from notifications.existingSecret or the chart's Secret. */}}
{{- define "innkeeper.unsubscribeSecretName" -}}
{{- .Values.notifications.existingSecret | default (include "innkeeper.secretName" .) }}
{{- end }}

{{- define "innkeeper.unsubscribeSecretKey" -}}
{{- if .Values.notifications.existingSecret }}{{ .Values.notifications.existingSecretKey }}{{ else }}unsubscribe-key{{ end }}
{{- end }}

{{- define "innkeeper.sshSecretName" -}}
{{- .Values.libvirt.ssh.existingSecret | default (printf "%s-libvirt-ssh" (include "innkeeper.fullname" .)) }}
{{- end }}

{{- define "innkeeper.tlsSecretName" -}}
{{- .Values.libvirt.tls.existingSecret | default (printf "%s-libvirt-tls" (include "innkeeper.fullname" .)) }}
{{- end }}

{{/* Replicas can be more than one: with autoscaling, or with replicaCount above 1. */}}
{{- define "innkeeper.multiReplica" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}true{{- end }}
{{- end }}

{{/* Stripe's secret key and webhook secret, from billing.stripe.existingSecret or the chart's Secret. */}}
{{- define "innkeeper.stripeSecretName" -}}
{{- .Values.billing.stripe.existingSecret | default (include "innkeeper.secretName" .) }}
{{- end }}
