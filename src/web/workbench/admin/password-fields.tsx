// A new password typed twice. The server decides what is strong enough and says so on the field.
import { Form, Input } from 'antd';
import { useI18n } from '../../shell/i18n.tsx';

export function PasswordFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('user.field.password')} name="password" extra={t('user.field.password.help')}
        rules={[{ required: true, message: t('form.required') }, { min: 10, message: t('user.field.password.short') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={t('user.field.passwordAgain')} name="passwordAgain" dependencies={['password']}
        rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('user.field.passwordAgain.mismatch')))),
          }),
        ]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
