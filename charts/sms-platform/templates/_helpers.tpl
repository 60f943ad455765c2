{{/*
Chart name, possibly overridden.
*/}}
{{- define "sms-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Release-scoped prefix of every resource name.
*/}}
{{- define "sms-platform.fullname" -}}
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

{{- define "sms-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels shared by every resource of the release.
*/}}
{{- define "sms-platform.labels" -}}
helm.sh/chart: {{ include "sms-platform.chart" . }}
app.kubernetes.io/part-of: {{ include "sms-platform.name" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels of release-wide resources (ConfigMap, Secret, Job).
*/}}
{{- define "sms-platform.commonLabels" -}}
{{ include "sms-platform.labels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The per-app helpers below take (dict "root" $ "name" <app name> "app" <app values>).
*/}}
{{- define "sms-platform.appFullname" -}}
{{- printf "%s-%s" (include "sms-platform.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sms-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "sms-platform.appLabels" -}}
{{ include "sms-platform.labels" .root }}
{{ include "sms-platform.selectorLabels" . }}
{{- end }}

{{/*
<registry>/<repository>/<app>:<tag>; an app may set image.repository (full, without the app suffix) or image.tag.
*/}}
{{- define "sms-platform.image" -}}
{{- $image := .root.Values.image }}
{{- $repository := dig "image" "repository" "" .app | default (printf "%s/%s" $image.repository .name) }}
{{- if $image.registry }}
{{- $repository = printf "%s/%s" $image.registry $repository }}
{{- end }}
{{- $tag := dig "image" "tag" "" .app | default $image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{- define "sms-platform.configName" -}}
{{- printf "%s-config" (include "sms-platform.fullname" .) }}
{{- end }}

{{- define "sms-platform.secretName" -}}
{{- .Values.existingSecret | default (printf "%s-secrets" (include "sms-platform.fullname" .)) }}
{{- end }}

{{/*
The SMSC the carrier-adapter binds to: smpp.host, else the bundled simulator's Service when it is enabled.
*/}}
{{- define "sms-platform.smppHost" -}}
{{- if .Values.smpp.host }}
{{- .Values.smpp.host }}
{{- else if dig "carrier-simulator" "enabled" false .Values.apps }}
{{- include "sms-platform.appFullname" (dict "root" . "name" "carrier-simulator") }}
{{- else }}
{{- fail "smpp.host is required (or enable apps.carrier-simulator)" }}
{{- end }}
{{- end }}

{{/*
Kafka bootstrap list as KAFKA_BROKERS expects it: host:port[,host:port].
*/}}
{{- define "sms-platform.kafkaBrokers" -}}
{{- $brokers := join "," .Values.kafka.brokers }}
{{- if not $brokers }}
{{- fail "kafka.brokers is required (host:port entries)" }}
{{- end }}
{{- $brokers }}
{{- end }}
