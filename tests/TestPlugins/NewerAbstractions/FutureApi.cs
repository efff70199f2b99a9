namespace PluginBot.TestPlugins.NewerAbstractions;

/// <summary>Stands for API that the host's Abstractions does not have yet.</summary>
public static class FutureApi
{
    public const string Version = "99.0";
}
