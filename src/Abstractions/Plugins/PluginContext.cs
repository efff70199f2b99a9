using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PluginBot.Abstractions.Plugins;

/// <summary>What the host hands a plugin while it registers its services.</summary>
/// <param name="Manifest">The plugin's manifest.</param>
/// <param name="Configuration">The section <c>Plugins:&lt;Name&gt;</c>.</param>
/// <param name="DataDirectory">A folder the plugin may write to, created by the host.</param>
/// <param name="Logger">A logger named after the plugin.</param>
public sealed record PluginContext(
    PluginManifest Manifest,
    IConfiguration Configuration,
    string DataDirectory,
    ILogger Logger)
{
    /// <summary>The configuration path of this plugin's section, e.g. <c>Plugins:Telegram</c>.</summary>
    public string SectionPath => $"Plugins:{Manifest.Name}";

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from the plugin's section, validates its data annotations and
    /// registers it as <c>IOptions&lt;TOptions&gt;</c>. Throws <see cref="PluginNotConfiguredException"/> naming
    /// every invalid setting, which marks the plugin NotConfigured without stopping the host.
    /// </summary>
    public TOptions BindOptions<TOptions>(IServiceCollection services)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new TOptions();
        Configuration.Bind(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var problems = results.Select(r =>
                $"{string.Join(", ", r.MemberNames.Select(m => $"{SectionPath}:{m}"))}: {r.ErrorMessage}");
            throw new PluginNotConfiguredException(string.Join("; ", problems));
        }

        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        return options;
    }
}
