global using EdgeMask.TestSupport;
