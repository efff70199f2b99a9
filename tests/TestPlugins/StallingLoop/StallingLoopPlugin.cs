using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginBot.Abstractions.Operations;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.StallingLoop;

/// <summary>A loop registered with the host's liveness registry that a test can stall from outside the process.</summary>
public sealed class StallingLoopPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stallFile = Path.Combine(context.DataDirectory, "stall-loop");
        services.AddHostedService(sp => new Loop(sp.GetRequiredService<ILoopLiveness>(), stallFile));
    }

    private sealed class Loop(ILoopLiveness liveness, string stallFile) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var beat = liveness.Register("test:stalling", TimeSpan.FromSeconds(1));
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!File.Exists(stallFile))
                {
                    beat.Beat();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
