using EdgeMask.Cli;

return await EdgeMaskCli.InvokeAsync(args).ConfigureAwait(false);
