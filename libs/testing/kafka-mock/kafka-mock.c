/*
 * Kafka mock launcher: runs librdkafka's in-process mock cluster (real Kafka wire protocol on 127.0.0.1)
 * for tests and the kafka profile on machines without a Kafka server.
 *
 *   kafka-mock <brokers 1|3> <default-partitions> [topic[:partitions] ...]
 *
 * Prints "BOOTSTRAP host:port[,host:port...]" on stdout once the topics exist, then runs until stdin reaches
 * EOF (the parent closed the pipe or died), SIGTERM/SIGINT, or the parent's death (PR_SET_PDEATHSIG).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

/*
 * The mock answers Metadata with ControllerId 0, which is no broker, so kafkajs idempotent producers fail
 * ("Broker 0 not found") when they look up the controller. librdkafka 2.0.2 up to current sources lay out
 * the (private) cluster struct starting with these fields; we only write when the handle field matches.
 */
struct mock_cluster_prefix {
  char id[32];
  rd_kafka_t *rk;
  int32_t controller_id;
};

static void patch_controller_id(rd_kafka_mock_cluster_t *mc) {
  struct mock_cluster_prefix *prefix = (struct mock_cluster_prefix *)mc;
  if (prefix->rk != rd_kafka_mock_cluster_handle(mc)) {
    fprintf(stderr, "kafka-mock: unknown mock cluster layout, controller id left as is\n");
    return;
  }
  prefix->controller_id = 1;
}

static int parse_positive(const char *text, const char *what) {
  char *end = NULL;
  long value = strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 1 || value > 1000) {
    fprintf(stderr, "kafka-mock: invalid %s '%s'\n", what, text);
    exit(2);
  }
  return (int)value;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <brokers 1|3> <default-partitions> [topic[:partitions] ...]\n", argv[0]);
    return 2;
  }
  int brokers = parse_positive(argv[1], "broker count");
  if (brokers != 1 && brokers != 3) {
    fprintf(stderr, "kafka-mock: broker count must be 1 or 3\n");
    return 2;
  }
  int default_partitions = parse_positive(argv[2], "partition count");

  /* Exit with the parent even if it is killed without closing our stdin. */
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) return 0; /* parent died before prctl took effect */

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    fprintf(stderr, "kafka-mock: %s\n", errstr);
    return 1;
  }
  /* The producer handle only owns the cluster's threads; it never produces. */
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) {
    fprintf(stderr, "kafka-mock: rd_kafka_new: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mc) {
    fprintf(stderr, "kafka-mock: could not create the mock cluster\n");
    rd_kafka_destroy(rk);
    return 1;
  }
  patch_controller_id(mc);

  for (int i = 3; i < argc; i++) {
    char name[256];
    int partitions = default_partitions;
    const char *colon = strrchr(argv[i], ':');
    size_t len = colon ? (size_t)(colon - argv[i]) : strlen(argv[i]);
    if (len == 0 || len >= sizeof name) {
      fprintf(stderr, "kafka-mock: invalid topic '%s'\n", argv[i]);
      return 2;
    }
    memcpy(name, argv[i], len);
    name[len] = '\0';
    if (colon) partitions = parse_positive(colon + 1, "partition count");
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(mc, name, partitions, brokers);
    if (err) {
      fprintf(stderr, "kafka-mock: topic %s: %s\n", name, rd_kafka_err2str(err));
      return 1;
    }
  }

  printf("BOOTSTRAP %s\n", rd_kafka_mock_cluster_bootstraps(mc));
  fflush(stdout);

  /* Poll with a timeout so a signal that lands between checks is still seen promptly. */
  struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
  char buf[256];
  while (!stop_requested) {
    int ready = poll(&pfd, 1, 500);
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (ready == 0) continue;
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n == 0) break; /* EOF: the parent is gone or asked us to stop */
    if (n < 0 && errno != EINTR && errno != EAGAIN) break;
  }

  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
