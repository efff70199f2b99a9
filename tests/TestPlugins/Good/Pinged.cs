using MediatR;

namespace PluginBot.TestPlugins.Good;

/// <summary>Published after each ping is answered.</summary>
public sealed record Pinged(string Text) : INotification;
