using Microsoft.AspNetCore.Builder;
using PluginBot.Abstractions.Errors;
using PluginBot.Host.Hosting;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Cli;

/// <summary>
/// Every verb's frame: build the host (not started), run the verb, and turn the kernel's own errors — bad
/// configuration, an unusable database, a plugin that cannot start — into one line each and exit code 2.
/// </summary>
internal static class HostSession
{
    public static async Task<int> RunAsync(HostBuildOptions options, TextWriter error, Func<WebApplication, Task<int>> action)
    {
        WebApplication app;
        try
        {
            app = PluginBotHost.Build(options);
        }
        catch (KernelConfigurationException ex)
        {
            return await ReportAsync(error, "Configuration error", ex.Errors);
        }

        await using (app)
        {
            try
            {
                return await action(app);
            }
            catch (DatabaseUnavailableException ex)
            {
                return await ReportAsync(error, "Database error", [ex.Message]);
            }
            catch (PluginStartException ex)
            {
                return await ReportAsync(error, "Plugin error", [ex.Message]);
            }
        }
    }

    public static async Task<int> ReportAsync(TextWriter error, string title, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await error.WriteLineAsync($"{title}: {line}");
        }

        return CliApp.ConfigurationError;
    }
}
