using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Configuration;
using PluginBot.Host.Hosting;
using PluginBot.Host.Plugins;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Cli;

/// <summary><c>pluginbot plugins</c>, <c>pluginbot migrate</c>, <c>pluginbot config check</c>.</summary>
internal sealed class ToolVerbs(HostBuildOptions options, TextWriter output, TextWriter error)
{
    public Command Plugins()
    {
        var command = new Command("plugins", "List every plugin with its status and the reason it is not active.");
        command.SetAction((_, _) => WithAppAsync(app =>
        {
            output.WriteLine(Redaction.Text(app.Services.GetRequiredService<PluginCatalog>().ToTable()));
            return Task.FromResult(CliApp.Ok);
        }));
        return command;
    }

    public Command Migrate()
    {
        var command = new Command("migrate", "Back up the database file, then apply every pending migration (kernel and plugins) and exit.");
        command.SetAction((_, ct) => WithAppAsync(async app =>
        {
            var database = app.Services.GetRequiredService<SqliteDatabase>();
            var settings = app.Services.GetRequiredService<KernelSettings>();
            var folder = app.Services.GetRequiredService<DataFolderLock>();
            if (!folder.TryAcquire())
            {
                throw new DatabaseUnavailableException(folder.HeldElsewhereMessage);
            }

            var existed = File.Exists(database.FilePath);
            database.Initialise();
            var backup = existed ? DatabaseBackup.Create(database, settings.DataDirectory, app.Services.GetRequiredService<TimeProvider>()) : null;
            await output.WriteLineAsync(backup is null ? "No database yet; nothing to back up." : $"Backed up the database to {backup}.");
            await KernelStartup.PrepareDatabaseAsync(app.Services, ct, botStart: false);
            await output.WriteLineAsync($"Migrations applied to {database.FilePath}.");
            return CliApp.Ok;
        }));
        return command;
    }

    public Command Config()
    {
        var check = new Command("check", "Check the configuration of the kernel and every plugin, without starting anything.");
        check.SetAction((_, ct) => WithAppAsync(async app =>
        {
            var checks = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(HealthCheckTags.Configuration), ct);
            var report = ConfigurationReport.Write(app.Services.GetRequiredService<KernelSettings>(), app.Services.GetRequiredService<PluginCatalog>(), checks, app.Configuration);
            await output.WriteLineAsync(report.Text);
            return report.AllPluginsReady ? CliApp.Ok : CliApp.Failed;
        }));
        var config = new Command("config", "Configuration tools.");
        config.Add(check);
        return config;
    }

    private Task<int> WithAppAsync(Func<WebApplication, Task<int>> action) => HostSession.RunAsync(options, error, action);
}
