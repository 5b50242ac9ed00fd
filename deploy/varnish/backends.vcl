# docker-compose: the two app instances (services app1 and app2) behind one round-robin director.
# tests/cluster/ writes its own backends.vcl with loopback ports.
probe healthz {
  .url = "/healthz";
  .interval = 1s;
  .timeout = 2s;
  .window = 3;
  .threshold = 2;
}

backend app1 { .host = "app1"; .port = "3000"; .probe = healthz; }
backend app2 { .host = "app2"; .port = "3000"; .probe = healthz; }

# Only the app instances may purge (their network in docker-compose).
acl purgers {
  "app1";
  "app2";
}

sub newsroom_backends {
  new cluster = directors.round_robin();
  cluster.add_backend(app1);
  cluster.add_backend(app2);
}
