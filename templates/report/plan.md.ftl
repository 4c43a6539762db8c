<#-- The plan as GitHub-flavoured Markdown, for pull-request comments and $GITHUB_STEP_SUMMARY. -->
<#-- The model is built by PlanMarkdownRenderer; values are plain strings, already formatted. -->
### scaffold ${modeTitle}: `${stack}`<#if environment??> (`${environment}`)</#if>

<#if hasChanges>
**${summary}**

| | resource | type | what happens |
|:-:|---|---|---|
<#list changes as change>
| `${change.symbol}` | `${change.address}` | `${change.type}` | ${change.headline} |
</#list>
<#if adoptedNote??>

${adoptedNote}
</#if>
<#if notProvisioned?has_content>

> [!WARNING]
> ${notProvisionedWarning?cap_first}:
<#list notProvisioned as part>
> - ${part}
</#list>
</#if>
<#if awaitingYou?has_content>

> [!IMPORTANT]
> ${awaitingYouNote?cap_first}:
<#list awaitingYou as instruction>
> - ${instruction}
</#list>
</#if>
<#if refusal??>

> [!CAUTION]
> ${refusal}
</#if>

<details><summary>Attribute changes</summary>

${fence}text
${details}${fence}

</details>
<#else>
**No changes.** ${noChanges}
<#if adoptedNote??>

${adoptedNote}
</#if>
<#if notProvisioned?has_content>

> [!WARNING]
> ${notProvisionedWarning?cap_first}:
<#list notProvisioned as part>
> - ${part}
</#list>
</#if>
<#if awaitingYou?has_content>

> [!IMPORTANT]
> ${awaitingYouNote?cap_first}:
<#list awaitingYou as instruction>
> - ${instruction}
</#list>
</#if>
</#if>
