using System.Text;
using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions;
using PluginBot.Host.Configuration;
using PluginBot.Host.Llm;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Cli;

/// <summary>
/// What <c>pluginbot config check</c> prints: the kernel's effective settings (secrets hidden), every plugin's status, and
/// every setting the plugins' manifests give a flat name, with the variable to set.
/// </summary>
internal static class ConfigurationReport
{
    public static (string Text, bool AllPluginsReady) Write(KernelSettings settings, PluginCatalog catalog, LlmEndpoints models, IConfiguration configuration)
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
        var modelProblems = models.Names.Problems();
        text.AppendLine().Append("Models: ").AppendLine(models.All.Count == 0
            ? "no endpoint is active (configure LLM_GATEWAY_URL or OLLAMA_URL)"
            : $"endpoints {string.Join(", ", models.All.Select(e => e.Name))}; default {models.ProviderDefault() ?? "none (set LLM_MODEL or LLM_PROVIDER)"}");
        foreach (var problem in modelProblems)
        {
            text.Append("  ").AppendLine(problem);
        }

        var problems = catalog.Plugins.Where(p => p.Status is PluginStatus.NotConfigured or PluginStatus.Malfunctioned or PluginStatus.NotSupported).ToList();
        text.AppendLine().Append(problems.Count == 0
            ? "All plugins are active or disabled on purpose."
            : $"{problems.Count} plugin(s) need attention: {string.Join(", ", problems.Select(p => p.Manifest.Id))}.");
        // Plugin reasons may quote a setting back, and a URL in it may carry a password.
        return (Redaction.Text(text.ToString()), problems.Count == 0 && modelProblems.Count == 0);
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
