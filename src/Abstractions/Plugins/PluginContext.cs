using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    /// The plugin's optional dependencies that are active (registered before this plugin). Since host API 2.0.
    /// </summary>
    public IReadOnlySet<string> ActiveOptionalDependencies { get; init; } = new HashSet<string>();

    /// <summary>
    /// Whether the optional dependency <paramref name="pluginId"/> is active, so the plugin can use what it offers.
    /// Required dependencies are always active when a plugin runs. Since host API 2.0.
    /// </summary>
    public bool IsActive(string pluginId) => ActiveOptionalDependencies.Contains(pluginId);

    /// <summary>
    /// How to name one of the plugin's settings to a person: its flat environment name from the manifest first, e.g.
    /// <c>TELEGRAM_BOT_TOKEN (Plugins:Telegram:BotToken)</c>, or only the key path when it has none. Since host API 2.0.
    /// </summary>
    public string SettingName(string key)
    {
        var flat = Manifest.Environment.FirstOrDefault(e => string.Equals(e.Value, key, StringComparison.OrdinalIgnoreCase)).Key;
        return flat is null ? $"{SectionPath}:{key}" : $"{flat} ({SectionPath}:{key})";
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to the plugin's section through the options framework (read it with
    /// <c>IOptionsMonitor&lt;TOptions&gt;</c>, which follows configuration reloads), registers
    /// <paramref name="validator"/> for it, and validates the current values now: failures throw
    /// <see cref="PluginNotConfiguredException"/> with every message joined, which marks the plugin NotConfigured
    /// without stopping the host. Returns the validated values, for registration decisions. Since host API 2.0.
    /// </summary>
    public TOptions AddValidatedOptions<TOptions>(IServiceCollection services, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(validator);
        var options = new TOptions();
        try
        {
            Configuration.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new PluginNotConfiguredException(ex.Message.TrimEnd('.'), ex);
        }

        var result = validator.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (result.Failed)
        {
            throw new PluginNotConfiguredException(string.Join("; ", result.Failures));
        }

        services.AddOptions<TOptions>().Bind(Configuration);
        services.AddSingleton(validator);
        return options;
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from the plugin's section through the options framework (read it with
    /// <c>IOptions&lt;TOptions&gt;</c> or <c>IOptionsMonitor&lt;TOptions&gt;</c>), validates its data annotations now and
    /// at every later read of changed values, and returns the values. Throws <see cref="PluginNotConfiguredException"/>
    /// naming every invalid setting, which marks the plugin NotConfigured without stopping the host.
    /// </summary>
    public TOptions BindOptions<TOptions>(IServiceCollection services)
        where TOptions : class, new() =>
        AddValidatedOptions(services, new DataAnnotationsValidator<TOptions>(this));

    /// <summary>A failed <see cref="RangeAttribute"/> without a message of its own says the range and the value found.</summary>
    internal string Describe(object options, ValidationResult result)
    {
        var members = result.MemberNames.ToList();
        var property = members.Count == 1 ? options.GetType().GetProperty(members[0]) : null;
        if (property?.GetCustomAttributes(typeof(RangeAttribute), inherit: true).SingleOrDefault() is RangeAttribute { ErrorMessage: null, ErrorMessageResourceName: null } range)
        {
            return $"{SectionPath}:{members[0]} must be {Number(range.Minimum)}–{Number(range.Maximum)}; got {Number(property.GetValue(options))}";
        }

        return $"{string.Join(", ", members.Select(m => $"{SectionPath}:{m}"))}: {result.ErrorMessage}";
    }

    private static string Number(object? value) => value switch
    {
        IFormattable number => number.ToString("#,0.##########", CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "nothing",
    };
}

/// <summary>Data annotations as an options validator, with every failure named by its full path.</summary>
internal sealed class DataAnnotationsValidator<TOptions>(PluginContext context) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => context.Describe(options, r)));
    }
}
