#include "cluster_admin.hpp"

#include <librdkafka/rdkafka.h>

#include <optional>
#include <set>

namespace eda::kafka_admin {
namespace {

constexpr int kTimeoutMs = 30'000;

struct EventDeleter {
  void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
};
using EventPtr = std::unique_ptr<rd_kafka_event_t, EventDeleter>;

rd_kafka_ResourceType_t ToRd(Resource r) {
  return r == Resource::kTopic ? RD_KAFKA_RESOURCE_TOPIC : RD_KAFKA_RESOURCE_GROUP;
}
rd_kafka_ResourcePatternType_t ToRd(Pattern p) {
  return p == Pattern::kLiteral ? RD_KAFKA_RESOURCE_PATTERN_LITERAL : RD_KAFKA_RESOURCE_PATTERN_PREFIXED;
}
rd_kafka_AclOperation_t ToRd(Operation o) {
  return o == Operation::kRead ? RD_KAFKA_ACL_OPERATION_READ : RD_KAFKA_ACL_OPERATION_WRITE;
}

// The grant an existing ACL stands for, or nothing when it is not one this tool could have made
// (a DENY, another operation or host): such ACLs are not ours to delete.
std::optional<Grant> FromRd(const rd_kafka_AclBinding_t* acl) {
  const std::string principal = rd_kafka_AclBinding_principal(acl);
  if (principal.rfind("User:", 0) != 0) return std::nullopt;
  if (rd_kafka_AclBinding_permission_type(acl) != RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW) return std::nullopt;
  if (std::string_view(rd_kafka_AclBinding_host(acl)) != "*") return std::nullopt;
  Grant g;
  g.user = principal.substr(5);
  g.name = rd_kafka_AclBinding_name(acl);
  switch (rd_kafka_AclBinding_restype(acl)) {
    case RD_KAFKA_RESOURCE_TOPIC: g.resource = Resource::kTopic; break;
    case RD_KAFKA_RESOURCE_GROUP: g.resource = Resource::kGroup; break;
    default: return std::nullopt;
  }
  switch (rd_kafka_AclBinding_resource_pattern_type(acl)) {
    case RD_KAFKA_RESOURCE_PATTERN_LITERAL: g.pattern = Pattern::kLiteral; break;
    case RD_KAFKA_RESOURCE_PATTERN_PREFIXED: g.pattern = Pattern::kPrefixed; break;
    default: return std::nullopt;
  }
  switch (rd_kafka_AclBinding_operation(acl)) {
    case RD_KAFKA_ACL_OPERATION_READ: g.operation = Operation::kRead; break;
    case RD_KAFKA_ACL_OPERATION_WRITE: g.operation = Operation::kWrite; break;
    default: return std::nullopt;
  }
  return g;
}

}  // namespace

struct ClusterAdmin::Impl {
  ~Impl() {
    if (queue != nullptr) rd_kafka_queue_destroy(queue);
    if (rk != nullptr) rd_kafka_destroy(rk);
  }

  rd_kafka_AdminOptions_t* Options(rd_kafka_admin_op_t op) const {
    char err[256];
    rd_kafka_AdminOptions_t* o = rd_kafka_AdminOptions_new(rk, op);
    rd_kafka_AdminOptions_set_request_timeout(o, kTimeoutMs, err, sizeof err);
    return o;
  }

  // The result event of the request just submitted, of type `type`.
  Result<EventPtr> Wait(rd_kafka_event_type_t type, std::string_view what) const {
    EventPtr ev(rd_kafka_queue_poll(queue, kTimeoutMs + 5000));
    if (!ev) return Error::Transient("kafka.timeout", std::string(what) + ": no answer");
    if (rd_kafka_event_type(ev.get()) != type) return Error::Transient("kafka.admin", std::string(what) + ": unexpected result");
    if (rd_kafka_event_error(ev.get()) != RD_KAFKA_RESP_ERR_NO_ERROR)
      return Error::Transient("kafka.admin", std::string(what) + ": " + rd_kafka_event_error_string(ev.get()));
    return ev;
  }

  rd_kafka_t* rk = nullptr;
  rd_kafka_queue_t* queue = nullptr;
};

ClusterAdmin::ClusterAdmin(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ClusterAdmin::~ClusterAdmin() = default;
ClusterAdmin::ClusterAdmin(ClusterAdmin&&) noexcept = default;
ClusterAdmin& ClusterAdmin::operator=(ClusterAdmin&&) noexcept = default;

Result<ClusterAdmin> ClusterAdmin::Connect(const std::string& brokers, const events::KafkaCredentials& admin) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  events::KafkaProperties props = events::CredentialProperties(admin);
  props.emplace_back("bootstrap.servers", brokers);
  for (const auto& [name, value] : props) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Error::Permanent("kafka.settings", "property " + name + ": " + err);
    }
  }
  auto impl = std::make_unique<Impl>();
  impl->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);  // owns conf on success
  if (impl->rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Error::Permanent("kafka.settings", err);
  }
  impl->queue = rd_kafka_queue_new(impl->rk);
  return ClusterAdmin(std::move(impl));
}

Status ClusterAdmin::SetPasswords(const std::vector<std::pair<std::string, config::Secret>>& users) {
  if (users.empty()) return {};
  std::vector<rd_kafka_UserScramCredentialAlteration_t*> alterations;
  for (const auto& [user, password] : users) {
    const std::string& pw = password.Reveal();
    alterations.push_back(rd_kafka_UserScramCredentialUpsertion_new(
        user.c_str(), RD_KAFKA_SCRAM_MECHANISM_SHA_512, 4096, reinterpret_cast<const unsigned char*>(pw.data()),
        pw.size(), nullptr, 0));
  }
  rd_kafka_AdminOptions_t* opts = impl_->Options(RD_KAFKA_ADMIN_OP_ALTERUSERSCRAMCREDENTIALS);
  rd_kafka_AlterUserScramCredentials(impl_->rk, alterations.data(), alterations.size(), opts, impl_->queue);
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_UserScramCredentialAlteration_destroy_array(alterations.data(), alterations.size());
  auto ev = impl_->Wait(RD_KAFKA_EVENT_ALTERUSERSCRAMCREDENTIALS_RESULT, "set SCRAM passwords");
  if (!ev) return std::move(ev).error();
  size_t n = 0;
  const auto** responses =
      rd_kafka_AlterUserScramCredentials_result_responses(rd_kafka_event_AlterUserScramCredentials_result(ev->get()), &n);
  for (size_t i = 0; i < n; ++i) {
    const rd_kafka_error_t* e = rd_kafka_AlterUserScramCredentials_result_response_error(responses[i]);
    if (e != nullptr && rd_kafka_error_code(e) != RD_KAFKA_RESP_ERR_NO_ERROR)
      return Error::Transient("kafka.admin", std::string("SCRAM password of ") +
                                                 rd_kafka_AlterUserScramCredentials_result_response_user(responses[i]) +
                                                 ": " + rd_kafka_error_string(e));
  }
  return {};
}

Result<std::pair<std::size_t, std::size_t>> ClusterAdmin::SyncAcls(const std::vector<Grant>& grants,
                                                                   const std::vector<std::string>& users) {
  char err[512];
  // What the cluster has now.
  rd_kafka_AclBindingFilter_t* any = rd_kafka_AclBindingFilter_new(
      RD_KAFKA_RESOURCE_ANY, nullptr, RD_KAFKA_RESOURCE_PATTERN_ANY, nullptr, nullptr, RD_KAFKA_ACL_OPERATION_ANY,
      RD_KAFKA_ACL_PERMISSION_TYPE_ANY, err, sizeof err);
  if (any == nullptr) return Error::Permanent("kafka.settings", err);
  rd_kafka_AdminOptions_t* opts = impl_->Options(RD_KAFKA_ADMIN_OP_DESCRIBEACLS);
  rd_kafka_DescribeAcls(impl_->rk, any, opts, impl_->queue);
  rd_kafka_AdminOptions_destroy(opts);
  rd_kafka_AclBinding_destroy(any);
  auto described = impl_->Wait(RD_KAFKA_EVENT_DESCRIBEACLS_RESULT, "describe ACLs");
  if (!described) return std::move(described).error();
  size_t n = 0;
  const rd_kafka_AclBinding_t** existing =
      rd_kafka_DescribeAcls_result_acls(rd_kafka_event_DescribeAcls_result(described->get()), &n);
  const std::set<std::string> managed(users.begin(), users.end());
  const std::set<Grant> wanted(grants.begin(), grants.end());
  std::set<Grant> present, stale;
  for (size_t i = 0; i < n; ++i) {
    auto g = FromRd(existing[i]);
    if (!g || !managed.contains(g->user)) continue;
    (wanted.contains(*g) ? present : stale).insert(*g);
  }
  described->reset();

  std::vector<rd_kafka_AclBinding_t*> create;
  for (const Grant& g : wanted) {
    if (present.contains(g)) continue;
    const std::string principal = "User:" + g.user;
    rd_kafka_AclBinding_t* b =
        rd_kafka_AclBinding_new(ToRd(g.resource), g.name.c_str(), ToRd(g.pattern), principal.c_str(), "*",
                                ToRd(g.operation), RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW, err, sizeof err);
    if (b == nullptr) {
      rd_kafka_AclBinding_destroy_array(create.data(), create.size());
      return Error::Permanent("kafka.settings", Describe(g) + ": " + err);
    }
    create.push_back(b);
  }
  if (!create.empty()) {
    opts = impl_->Options(RD_KAFKA_ADMIN_OP_CREATEACLS);
    rd_kafka_CreateAcls(impl_->rk, create.data(), create.size(), opts, impl_->queue);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_AclBinding_destroy_array(create.data(), create.size());
    auto created = impl_->Wait(RD_KAFKA_EVENT_CREATEACLS_RESULT, "create ACLs");
    if (!created) return std::move(created).error();
    size_t m = 0;
    const rd_kafka_acl_result_t** results =
        rd_kafka_CreateAcls_result_acls(rd_kafka_event_CreateAcls_result(created->get()), &m);
    for (size_t i = 0; i < m; ++i) {
      const rd_kafka_error_t* e = rd_kafka_acl_result_error(results[i]);
      if (e != nullptr && rd_kafka_error_code(e) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return Error::Transient("kafka.admin", std::string("create ACL: ") + rd_kafka_error_string(e));
    }
  }

  std::vector<rd_kafka_AclBindingFilter_t*> remove;
  for (const Grant& g : stale) {
    const std::string principal = "User:" + g.user;
    rd_kafka_AclBindingFilter_t* f =
        rd_kafka_AclBindingFilter_new(ToRd(g.resource), g.name.c_str(), ToRd(g.pattern), principal.c_str(), "*",
                                      ToRd(g.operation), RD_KAFKA_ACL_PERMISSION_TYPE_ALLOW, err, sizeof err);
    if (f == nullptr) {
      rd_kafka_AclBinding_destroy_array(remove.data(), remove.size());
      return Error::Permanent("kafka.settings", Describe(g) + ": " + err);
    }
    remove.push_back(f);
  }
  if (!remove.empty()) {
    opts = impl_->Options(RD_KAFKA_ADMIN_OP_DELETEACLS);
    rd_kafka_DeleteAcls(impl_->rk, remove.data(), remove.size(), opts, impl_->queue);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_AclBinding_destroy_array(remove.data(), remove.size());
    auto deleted = impl_->Wait(RD_KAFKA_EVENT_DELETEACLS_RESULT, "delete ACLs");
    if (!deleted) return std::move(deleted).error();
    size_t m = 0;
    const rd_kafka_DeleteAcls_result_response_t** responses =
        rd_kafka_DeleteAcls_result_responses(rd_kafka_event_DeleteAcls_result(deleted->get()), &m);
    for (size_t i = 0; i < m; ++i) {
      const rd_kafka_error_t* e = rd_kafka_DeleteAcls_result_response_error(responses[i]);
      if (e != nullptr && rd_kafka_error_code(e) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return Error::Transient("kafka.admin", std::string("delete ACL: ") + rd_kafka_error_string(e));
    }
  }
  return std::pair<std::size_t, std::size_t>{wanted.size() - present.size(), stale.size()};
}

}  // namespace eda::kafka_admin
