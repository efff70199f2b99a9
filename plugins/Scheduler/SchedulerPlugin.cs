using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.Scheduler.Features;
using PluginBot.Plugins.Scheduler.Firing;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler;

/// <summary>Cron schedules that queue ordinary tasks as their owners, once per occurrence.</summary>
public sealed class SchedulerPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.BindOptions<SchedulerOptions>(services);
        services.AddPluginDbContext<SchedulerDbContext>(context);
        services.AddScoped<ScheduleFirer>();
        services.AddScoped<ScheduleNotices>();
        services.AddSingleton<SchedulerMetrics>();
        services.AddHostedService<SchedulerLoop>();

        services.AddCommandExtension(CreateSchedule.Extension);
        services.AddCommand(ManageSchedules.List);
        services.AddCommand(ManageSchedules.One);
        services.AddCommand(ManageSchedules.Unschedule);
        services.AddButtonAction<ManageSchedules.ChangeSchedule>();
    }
}
