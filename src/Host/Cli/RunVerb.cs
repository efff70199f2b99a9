using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PluginBot.Host.Configuration;
using PluginBot.Host.Hosting;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Cli;

/// <summary><c>pluginbot</c>: prepare the database, start everything, run until SIGTERM or Ctrl+C.</summary>
internal sealed class RunVerb(HostBuildOptions options, TextWriter error)
{
    public Task<int> RunAsync(CancellationToken cancellationToken) => HostSession.RunAsync(options, error, async app =>
    {
        await KernelStartup.PrepareDatabaseAsync(app.Services, cancellationToken);

        KernelStartup.LogCatalog(app.Services);
        var settings = app.Services.GetRequiredService<KernelSettings>();
        string? listenError = null;
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            listenError = $"API_PORT {settings.HttpPort} is already in use on {settings.HttpBind}: stop the other process or set API_PORT to a free port.";
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            listenError = $"Cannot listen on {settings.HttpBind}:{settings.HttpPort} ({ex.Message}): check API_BIND and API_PORT.";
        }

        if (listenError is not null)
        {
            // Background services started before Kestrel failed; stop them before the container is disposed under them.
            await app.StopAsync(CancellationToken.None);
            return await HostSession.ReportAsync(error, "Cannot listen", [listenError]);
        }

        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PluginBot").LogInformation(
            "PluginBot is running; health at {Url}/health. Press Ctrl+C to stop", app.Urls.FirstOrDefault());
        await app.WaitForShutdownAsync(CancellationToken.None);
        return CliApp.Ok;
    });
}
