using Microsoft.Extensions.Options;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// One endpoint's settings as the operator wrote them, bound by the options framework. Values stay text so that a bad
/// one is reported in words (<see cref="EndpointOptionsValidator"/>) instead of failing the binder.
/// </summary>
internal class EndpointOptions
{
    public string? Url { get; set; }

    public string? Token { get; set; }

    public string? Kind { get; set; }

    public string? DefaultModel { get; set; }

    public string? RequireToken { get; set; }

    public string? TimeoutSeconds { get; set; }

    public string? ReadyTimeoutSeconds { get; set; }

    public string? IsLocal { get; set; }

    /// <summary>Never the token: options may be logged or shown by tools that print objects.</summary>
    public override string ToString() => $"endpoint options ({Kind ?? EndpointSettings.OpenAiKind})";
}

/// <summary>
/// The section <c>Plugins:LlmGateway</c>: the default endpoint <c>gateway</c> in the section itself (the flat names
/// <c>LLM_GATEWAY_URL</c> and <c>LLM_GATEWAY_TOKEN</c>), more under <c>Endpoints:&lt;name&gt;</c>.
/// </summary>
internal sealed class LlmGatewayOptions : EndpointOptions
{
    public Dictionary<string, EndpointOptions> Endpoints { get; set; } = [];
}

/// <summary>Checks <see cref="LlmGatewayOptions"/> and names every bad setting (see <see cref="EndpointSettingsReader"/>).</summary>
/// <param name="sectionPath">The plugin's section, <c>Plugins:LlmGateway</c>.</param>
/// <param name="settingName">How to name a key to a person (<see cref="Abstractions.Plugins.PluginContext.SettingName"/>).</param>
internal sealed class EndpointOptionsValidator(string sectionPath, Func<string, string> settingName) : IValidateOptions<LlmGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        EndpointSettingsReader.Parse(options, sectionPath, settingName, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
