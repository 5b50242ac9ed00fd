# docker-compose.cluster.yml: the two app instances (app1 and app2, fixed addresses) behind one round-robin director.
# tests/cluster/ writes its own backends.vcl with loopback ports.
probe healthz {
  .url = "/healthz";
  .interval = 1s;
  .timeout = 2s;
  .window = 3;
  .threshold = 2;
}

backend app1 { .host = "172.28.0.11"; .port = "3000"; .probe = healthz; }
backend app2 { .host = "172.28.0.12"; .port = "3000"; .probe = healthz; }

# Only the app instances may purge (their network in docker-compose).
acl purgers {
  "172.28.0.11";
  "172.28.0.12";
}

sub newsroom_backends {
  new cluster = directors.round_robin();
  cluster.add_backend(app1);
  cluster.add_backend(app2);
}
