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
Where the carrier-adapter reaches an operator: the configured host, else the bundled simulator's Service when it is
enabled. Takes (dict "root" $ "host" <host> "setting" <its values path, for the error>).
*/}}
{{- define "sms-platform.operatorHost" -}}
{{- if .host }}
{{- .host }}
{{- else if dig "carrier-simulator" "enabled" false .root.Values.apps }}
{{- include "sms-platform.appFullname" (dict "root" .root "name" "carrier-simulator") }}
{{- else }}
{{- fail (printf "%s is required (or enable apps.carrier-simulator)" .setting) }}
{{- end }}
{{- end }}

{{/*
The SMSC (SMPP) and China Mobile's ISMG (CMPP, when cmpp.enabled).
*/}}
{{- define "sms-platform.smppHost" -}}
{{- include "sms-platform.operatorHost" (dict "root" . "host" .Values.smpp.host "setting" "smpp.host") }}
{{- end }}

{{- define "sms-platform.cmppHost" -}}
{{- include "sms-platform.operatorHost" (dict "root" . "host" .Values.cmpp.host "setting" "cmpp.host") }}
{{- end }}

{{/*
DISPATCH_ROUTES: routes, else every operator to smpp-default and, when cmpp.enabled, China Mobile to cmpp-default.
*/}}
{{- define "sms-platform.dispatchRoutes" -}}
{{- if .Values.routes }}
{{- .Values.routes }}
{{- else if .Values.cmpp.enabled }}
{{- "*=smpp-default,CMCC=cmpp-default" }}
{{- else }}
{{- "*=smpp-default" }}
{{- end }}
{{- end }}

{{/*
INBOUND_SERVICE_NUMBERS: smpp.inboundServiceNumbers, else every default channel's base source address.
*/}}
{{- define "sms-platform.inboundServiceNumbers" -}}
{{- if .Values.smpp.inboundServiceNumbers }}
{{- .Values.smpp.inboundServiceNumbers }}
{{- else }}
{{- $numbers := list (toString .Values.smpp.sourceAddr) }}
{{- if .Values.cmpp.enabled }}
{{- $numbers = append $numbers (toString .Values.cmpp.srcId) }}
{{- end }}
{{- $numbers | uniq | join "," }}
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
