// eda-kafka-admin: the Kafka users, ACLs and saga topics of an eda cluster (README.md).
//   eda-kafka-admin users          the users ./eda makes a password for, one a line
//   eda-kafka-admin acls           every ACL those users get, one a line
//   eda-kafka-admin apply <dir>    as the admin user of EDA_KAFKA_USERNAME / EDA_KAFKA_PASSWORD_FILE:
//                                  create the topics, set each user's password from
//                                  <dir>/kafka-<user>.password, make the ACLs exactly the table's
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "access.hpp"
#include "cluster_admin.hpp"
#include "eda/config/reader.hpp"
#include "eda/events/topic_admin.hpp"

namespace {

using namespace eda;
using namespace eda::kafka_admin;

int Usage() {
  std::cerr << "usage: eda-kafka-admin users | acls | apply <secrets-dir>\n"
               "apply logs in as EDA_KAFKA_USERNAME (a super user) to EDA_KAFKA_BROKERS.\n";
  return 2;
}

int Fail(const std::string& what, const Error& e) {
  std::cerr << "eda-kafka-admin: " << what << ": " << e.code << ": " << e.message << "\n";
  return 1;
}

int Apply(const std::string& secrets) {
  const std::string brokers = events::BrokersFromEnv(events::kDevBrokers);
  auto admin = events::CredentialsFromEnv();
  if (!admin) return Fail("admin credentials", admin.error());
  if (admin->username.empty()) return Fail("admin credentials", Error::Permanent("config.invalid", "EDA_KAFKA_USERNAME is not set"));

  // Passwords through config::Reader's file rule (trailing newline dropped; errors name the file).
  std::vector<std::pair<std::string, config::Secret>> passwords;
  for (const std::string& user : Users()) {
    const std::string file = secrets + "/kafka-" + user + ".password";
    config::Reader r([&file](std::string_view key) -> std::optional<std::string> {
      if (key == "PASSWORD_FILE") return file;
      return std::nullopt;
    });
    config::Secret pw = r.GetSecret("PASSWORD", "");
    if (auto ok = r.Finish(); !ok) return Fail("password of " + user, ok.error());
    if (pw.empty()) return Fail("password of " + user, Error::Permanent("config.invalid", file + " is empty"));
    passwords.emplace_back(user, std::move(pw));
  }

  const std::vector<events::TopicSpec> specs = TopicSpecs();
  if (auto ok = events::EnsureTopics(brokers, *admin, specs); !ok) return Fail("topics", ok.error());

  auto cluster = ClusterAdmin::Connect(brokers, *admin);
  if (!cluster) return Fail("connect", cluster.error());
  if (auto ok = cluster->SetPasswords(passwords); !ok) return Fail("passwords", ok.error());
  const auto grants = Grants();
  auto synced = cluster->SyncAcls(grants, Users());
  if (!synced) return Fail("ACLs", synced.error());
  std::cout << "kafka access: " << specs.size() << " topics, " << passwords.size() << " users, " << grants.size()
            << " ACLs (" << synced->first << " created, " << synced->second << " deleted)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "users" && argc == 2) {
    for (const std::string& u : Users()) std::cout << u << "\n";
    return 0;
  }
  if (cmd == "acls" && argc == 2) {
    for (const Grant& g : Grants()) std::cout << Describe(g) << "\n";
    return 0;
  }
  if (cmd == "apply" && argc == 3) return Apply(argv[2]);
  return Usage();
}
