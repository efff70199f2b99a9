using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Abstractions;
using PluginBot.Host.Configuration;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Cli;

/// <summary>
/// What <c>pluginbot config check</c> prints: the kernel's effective settings (secrets hidden), every plugin's status, and
/// every setting the plugins' manifests give a flat name, with the variable to set.
/// </summary>
internal static class ConfigurationReport
{
    /// <param name="checks">The plugins' configuration checks (<see cref="PluginBot.Abstractions.Plugins.HealthCheckTags.Configuration"/>).</param>
    public static (string Text, bool AllPluginsReady) Write(KernelSettings settings, PluginCatalog catalog, HealthReport checks, IConfiguration configuration)
    {
        var text = new StringBuilder("Kernel: OK\n");
        Row(text, "DATABASE_URL", settings.DatabasePath);
        Row(text, "API_BIND:API_PORT", $"{settings.HttpBind}:{settings.HttpPort}");
        Row(text, "API_ADMIN_TOKEN", settings.AdminToken is null ? "not set (the admin HTTP API is closed)" : "set (hidden)");
        Row(text, "ALLOWED_USERS", settings.AllowedUsers.Count == 0 ? "empty (only admins may use the bot)" : $"{settings.AllowedUsers.Count} user(s)");
        Row(text, "ADMIN_USERS", settings.AdminUsers.Count == 0 ? "empty (nobody can run admin commands)" : $"{settings.AdminUsers.Count} user(s)");
        Row(text, "DEFAULT_TIMEZONE", settings.DefaultTimeZone.Id);
        Row(text, "Plugins:Path", settings.PluginsPath);
        text.AppendLine().AppendLine("Plugins:").AppendLine(catalog.ToTable());
        PluginSettings(text, catalog, configuration);
        if (checks.Entries.Count > 0)
        {
            text.AppendLine().AppendLine("Checks:");
            foreach (var (name, entry) in checks.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                text.Append("  ").Append(name.PadRight(20)).Append(entry.Status.ToString().PadRight(10)).AppendLine(entry.Description ?? entry.Exception?.Message);
            }
        }

        var problems = catalog.Plugins.Where(p => p.Status is PluginStatus.NotConfigured or PluginStatus.Malfunctioned or PluginStatus.NotSupported).ToList();
        text.AppendLine().Append(problems.Count == 0
            ? "All plugins are active or disabled on purpose."
            : $"{problems.Count} plugin(s) need attention: {string.Join(", ", problems.Select(p => p.Manifest.Id))}.");
        // Plugin reasons may quote a setting back, and a URL in it may carry a password.
        return (Redaction.Text(text.ToString()), problems.Count == 0 && checks.Entries.Values.All(e => e.Status == HealthStatus.Healthy));
    }

    /// <summary>Every flat name the plugins' manifests declare, with the key it sets and whether it is set (secrets hidden).</summary>
    private static void PluginSettings(StringBuilder text, PluginCatalog catalog, IConfiguration configuration)
    {
        var declared = catalog.Plugins
            .Where(p => p.Manifest.Environment.Count > 0)
            .OrderBy(p => p.Manifest.Id, StringComparer.Ordinal)
            .ToList();
        if (declared.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Plugin settings (variable → key):");
        foreach (var plugin in declared)
        {
            foreach (var (name, key) in plugin.Manifest.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var fullKey = $"Plugins:{plugin.Manifest.Name}:{key}";
                var value = configuration[fullKey];
                var shown = string.IsNullOrWhiteSpace(value) ? "not set" : FlatNames.IsSecret(fullKey) ? "set (hidden)" : value;
                Row(text, name, $"{fullKey} = {shown}");
            }
        }
    }

    private static void Row(StringBuilder text, string name, string value) => text.Append("  ").Append(name.PadRight(20)).AppendLine(value);
}
