using Microsoft.Extensions.Options;

namespace PluginBot.Plugins.Ollama;

/// <summary>
/// The section <c>Plugins:Ollama</c> as the operator wrote it, bound by the options framework. Values stay text here so
/// that a bad one is reported in words (<see cref="OllamaOptionsValidator"/>) instead of failing the binder;
/// <see cref="OllamaSettings.From"/> turns checked options into typed settings.
/// </summary>
internal sealed class OllamaOptions
{
    public string? Url { get; set; }

    public string? DefaultModel { get; set; }

    public string? KeepAlive { get; set; }

    public string? TimeoutSeconds { get; set; }
}

/// <summary>Checks <see cref="OllamaOptions"/> and names every bad setting, by its flat name when it has one.</summary>
/// <param name="settingName">How to name a key to a person (<see cref="Abstractions.Plugins.PluginContext.SettingName"/>).</param>
internal sealed class OllamaOptionsValidator(Func<string, string> settingName) : IValidateOptions<OllamaOptions>
{
    public ValidateOptionsResult Validate(string? name, OllamaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        OllamaSettings.Parse(options, settingName, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
