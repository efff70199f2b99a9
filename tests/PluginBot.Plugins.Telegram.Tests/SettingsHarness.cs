using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Telegram.Tests;

/// <summary>Reads settings the way the host has the plugin do it: options bound to its section, checked by its validator.</summary>
internal static class SettingsHarness
{
    /// <summary>The manifest the plugin ships (its plugin.json), so its flat names are the ones users type.</summary>
    public static readonly PluginManifest Manifest = ReadShippedManifest();

    public static TelegramSettings Read(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Plugins:Telegram:{v.Key}", v.Value)))
            .Build();
        var context = new PluginContext(Manifest, configuration.GetSection("Plugins:Telegram"), Path.GetTempPath(), NullLogger.Instance);
        return TelegramSettings.From(context.AddValidatedOptions(new ServiceCollection(), new TelegramOptionsValidator(context.SettingName)));
    }

    private static PluginManifest ReadShippedManifest()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PluginBot.sln")))
        {
            folder = folder.Parent;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder!.FullName, "plugins", "Telegram", "plugin.json")));
        var environment = json.RootElement.GetProperty("environment").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new PluginManifest("telegram", "Telegram", "0.1.0", json.RootElement.GetProperty("hostApi").GetString()!, [], "PluginBot.Plugins.Telegram.dll", "")
        {
            Environment = environment,
        };
    }
}
