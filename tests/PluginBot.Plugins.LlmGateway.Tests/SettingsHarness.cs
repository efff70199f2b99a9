using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.LlmGateway.Tests;

/// <summary>Reads settings the way the host has the plugin do it: options bound to its section, checked by its validator.</summary>
internal static class SettingsHarness
{
    /// <summary>The manifest the plugin ships (its assembly attribute), so its flat names are the ones users type.</summary>
    public static readonly PluginManifest Manifest = ShippedManifest();

    /// <summary>A context over <c>Plugins:LlmGateway</c> holding <paramref name="settings"/> (keys relative to the section).</summary>
    public static PluginContext Context(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(p => new KeyValuePair<string, string?>($"Plugins:LlmGateway:{p.Key}", p.Value)))
            .Build();
        return new PluginContext(Manifest, configuration.GetSection("Plugins:LlmGateway"), Path.GetTempPath(), NullLogger.Instance);
    }

    public static IReadOnlyList<EndpointSettings> Read(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var context = Context(settings);
        var options = context.AddValidatedOptions(new ServiceCollection(), new EndpointOptionsValidator(context.SectionPath, context.SettingName));
        return EndpointSettingsReader.From(options, context.SectionPath, context.SettingName);
    }

    private static PluginManifest ShippedManifest()
    {
        var attribute = typeof(LlmGatewayPlugin).Assembly.GetCustomAttribute<PluginManifestAttribute>()!;
        return new PluginManifest(attribute.Id, attribute.Name, "0.1.0", attribute.HostApi, attribute.Dependencies, "PluginBot.Plugins.LlmGateway.dll", "")
        {
            Environment = attribute.Environment.Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e[1]),
        };
    }
}
